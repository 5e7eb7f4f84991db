package io.pinpush.access;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests signed by the AWS SDK's own SigV4 signer (not ours), sent over plain HTTP so a test can change what
 * arrives after signing: the body, the query string, the date.
 */
final class SignedHttp {

    /** One request as signed: the URI and the headers the signer added. */
    record Signed(SdkHttpRequest request, String body) {
    }

    private SignedHttp() {
    }

    static Signed sign(String accessKeyId, String secret, String method, URI uri, String body, Clock clock) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.fromValue(method));
        if (body != null) {
            request.putHeader("Content-Type", "application/json");
        }
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKeyId, secret))
                .request(request.build())
                .payload(body == null ? null : ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "mobiletargeting")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
        return new Signed(signed.request(), body);
    }

    static HttpResponse<String> send(Signed signed) {
        return send(signed, signed.request().getUri(), signed.body());
    }

    /** Sends the signed headers with another URI or body than the ones signed. */
    static HttpResponse<String> send(Signed signed, URI uri, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(signed.request().method().name(),
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return io.pinpush.testing.RawHttp.send(request.build());
    }
}
