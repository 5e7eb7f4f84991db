package io.pinpush.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.local.LocalServer;
import io.pinpush.testing.PinpushExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.auth.scheme.PinpointAuthSchemeProvider;

/**
 * The README's client configuration for a deployed stack: API Gateway checks SigV4 signatures made for the
 * {@code execute-api} service, and one statement of SDK configuration (an auth scheme provider) makes PinpointClient sign that way.
 */
@ExtendWith(PinpushExtension.class)
class ApiGatewaySigningTest {

    @Test
    void pinpointClientSignsForExecuteApiWithTheAuthSchemeOverride(LocalServer server) {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        try (PinpointClient pinpoint = PinpointClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                // The README's line:
                .authSchemeProvider(params -> PinpointAuthSchemeProvider.defaultProvider().resolveAuthScheme(params).stream()
                        .map(o -> o.toBuilder().putSignerProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api").build()).toList())
                .overrideConfiguration(o -> o
                        .addExecutionInterceptor(new ExecutionInterceptor() {
                            @Override
                            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                                context.httpRequest().firstMatchingHeader("Authorization").ifPresent(authorizations::add);
                            }
                        }))
                .build()) {

            pinpoint.getApps(b -> b.pageSize("1"));
        }

        assertThat(authorizations).singleElement().asString()
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/us-east-1/execute-api/aws4_request");
    }

    @Test
    void withoutTheOverrideTheSignatureIsForPinpointAndApiGatewayWouldRejectIt(LocalServer server) {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        try (PinpointClient pinpoint = PinpointClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        context.httpRequest().firstMatchingHeader("Authorization").ifPresent(authorizations::add);
                    }
                }))
                .build()) {

            pinpoint.getApps(b -> b.pageSize("1"));
        }

        assertThat(authorizations).singleElement().asString().contains("/mobiletargeting/aws4_request");
    }
}
