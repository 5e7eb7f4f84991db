package io.pinpush.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpush.apps.CreateApplicationRequest;
import io.pinpush.functions.ApiHandler;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.EventSamples;
import io.pinpush.testing.PinpushExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replays every {@code events/apigw-*.json} through the production API handler, on the local server's
 * DynamoDB Local, and checks each answer against the sample's {@code .expect.json} companion.
 */
@ExtendWith(PinpushExtension.class)
class EventReplayTest {


    /** Lambda's own event classes are plain beans; unknown members (newer API Gateway fields) are ignored. */
    private static final ObjectMapper LAMBDA_JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @TestFactory
    Stream<DynamicTest> apiGatewaySamplesAnswerAsExpected(LocalServer server) {
        ApiHandler handler = new ApiHandler(server.pinpush().apiRouter());
        String applicationId = server.pinpush().apps()
                .create(new CreateApplicationRequest("replay-target", Map.of())).toResponse().id();
        return samples("apigw-").stream().map(sample -> DynamicTest.dynamicTest(sample.getFileName().toString(), () -> {
            JsonNode expect = LAMBDA_JSON.readTree(read(expectation(sample), applicationId));

            // As Lambda invokes the function: the event's bytes in, the answer's bytes out.
            JsonNode response = EventSamples.invoke(handler, read(sample, applicationId));

            assertThat(response.path("statusCode").asInt()).as("status of %s: %s", sample, response.path("body"))
                    .isEqualTo(expect.path("statusCode").asInt());
            expect.path("headers").fields().forEachRemaining(header -> assertThat(response.path("headers")
                    .path(header.getKey()).asText()).as(header.getKey()).isEqualTo(header.getValue().asText()));
            expect.path("bodyContains").forEach(fragment ->
                    assertThat(response.path("body").asText()).contains(fragment.asText()));
        }));
    }

    @Test
    void everySampleHasAnExpectationAndParsesAsItsEvent() throws IOException {
        List<Path> samples = samples("apigw-");
        assertThat(samples).hasSizeGreaterThanOrEqualTo(4);
        for (Path sample : samples) {
            assertThat(expectation(sample)).as("expectation for %s", sample).exists();
            APIGatewayV2HTTPEvent event = LAMBDA_JSON.readValue(sample.toFile(), APIGatewayV2HTTPEvent.class);
            assertThat(event.getRequestContext().getHttp().getMethod()).as("%s method", sample).isNotBlank();
            assertThat(event.getRequestContext().getAuthorizer().getIam().getUserArn())
                    .as("%s is IAM-authorized, as every route of the stack is", sample).startsWith("arn:aws:");
        }
    }

    private static List<Path> samples(String prefix) {
        try (Stream<Path> files = Files.list(EventSamples.FOLDER)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().endsWith(".expect.json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path expectation(Path sample) {
        String name = sample.getFileName().toString();
        return sample.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".expect.json");
    }

    private static String read(Path file, String applicationId) {
        return EventSamples.forApp(file.getFileName().toString(), applicationId);
    }
}
