package io.pinpush.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.api.ApiError;
import io.pinpush.api.ApiRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The verifier against signatures the AWS SDK's own signer made, with the request handed over as the local server
 * sees it (path still encoded) and as API Gateway's HTTP API does (rawPath decoded).
 */
class SigV4VerifierTest {

    private static final String ID = "PPKTESTTESTTESTTEST2";
    private static final String SECRET = "s".repeat(40);

    private final SigV4Verifier verifier = new SigV4Verifier(
            id -> id.equals(ID) ? Optional.of(new SigV4Verifier.SigningKey(ID, true, SECRET)) : Optional.empty(),
            "us-east-1", Clock.systemUTC());

    private static ApiRequest asReceived(SignedHttp.Signed signed, boolean decodedPath) {
        Map<String, String> headers = new HashMap<>();
        signed.request().headers().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        URI uri = signed.request().getUri();
        String path = decodedPath ? URLDecoder.decode(uri.getRawPath().replace("+", "%2B"), StandardCharsets.UTF_8)
                : uri.getRawPath();
        return new ApiRequest(signed.request().method().name(), path, headers, Map.of(), signed.body(), Map.of(),
                "r", "127.0.0.1", ApiRequest.ANONYMOUS, uri.getRawQuery());
    }

    private static SignedHttp.Signed sign(String method, String pathAndQuery, String body) {
        return SignedHttp.sign(ID, SECRET, method, URI.create("https://abc.execute-api.us-east-1.amazonaws.com"
                + pathAndQuery), body, Clock.systemUTC());
    }

    @Test
    void aTagArnPathVerifiesWhetherItArrivesEncodedOrDecoded() {
        String arn = "arn%3Aaws%3Amobiletargeting%3Aus-east-1%3A000000000000%3Aapps%2Fabc";
        var signed = sign("GET", "/v1/tags/" + arn, null);
        assertThat(verifier.verify(asReceived(signed, false))).isEqualTo(ID);
        assertThat(verifier.verify(asReceived(signed, true))).isEqualTo(ID);
    }

    @Test
    void anEndpointIdWithASpaceAndAColonVerifiesDecodedToo() {
        var signed = sign("PUT", "/v1/apps/a1/endpoints/device%201%3Ax", "{\"Address\":\"t\"}");
        assertThat(verifier.verify(asReceived(signed, false))).isEqualTo(ID);
        assertThat(verifier.verify(asReceived(signed, true))).isEqualTo(ID);
    }

    @Test
    void repeatedAndEmptyQueryParametersVerify() {
        var signed = sign("DELETE", "/v1/tags/x?tagKeys=b&tagKeys=a%20c&tagKeys=", null);
        assertThat(verifier.verify(asReceived(signed, false))).isEqualTo(ID);
    }

    @Test
    void aCredentialForAnotherRegionOrServiceIsRefused() {
        var signed = SignedHttp.sign(ID, SECRET, "GET", URI.create("https://h/v1/apps"), null, Clock.systemUTC());
        ApiRequest request = asReceived(signed, false);
        var otherRegion = new SigV4Verifier(id -> Optional.of(new SigV4Verifier.SigningKey(ID, true, SECRET)),
                "eu-west-1", Clock.systemUTC());
        assertThatThrownBy(() -> otherRegion.verify(request)).isInstanceOf(ApiError.class)
                .hasMessageContaining("valid region");
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.put("authorization", headers.get("authorization").replace("/mobiletargeting/", "/execute-api/"));
        ApiRequest executeApi = new ApiRequest("GET", "/v1/apps", headers, Map.of(), "", Map.of(), "r", null,
                ApiRequest.ANONYMOUS, "");
        assertThatThrownBy(() -> verifier.verify(executeApi)).hasMessageContaining("service mobiletargeting");
    }
}
