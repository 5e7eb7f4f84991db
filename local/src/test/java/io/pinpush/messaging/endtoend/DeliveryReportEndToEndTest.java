package io.pinpush.messaging.endtoend;

import static io.pinpush.messaging.endtoend.PushStack.address;
import static io.pinpush.messaging.endtoend.PushStack.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpush.local.standins.ApnsStandIn;
import io.pinpush.local.standins.FcmStandIn;
import io.pinpush.testing.RawHttp;
import io.pinpush.testing.StandInsExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.EndpointSendConfiguration;
import software.amazon.awssdk.services.pinpoint.model.MessageResponse;

/**
 * GetMessageReport ({@code GET /v1/apps/{application-id}/messages/{request-id}}): a send that stops waiting at once
 * answers QUEUED, and the report then shows what the dispatcher made of each delivery.
 */
@ExtendWith(StandInsExtension.class)
class DeliveryReportEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PushStack stack;

    @BeforeAll
    static void start(ApnsStandIn apns, FcmStandIn fcm) {
        stack = new PushStack(apns, fcm, "PT0.001S");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aQueuedSendsReportShowsEachDeliverysFinalOutcome() throws Exception {
        String app = stack.newApp();
        String apnsToken = stack.apnsToken();
        String fcmToken = PushStack.fcmToken();
        stack.endpoint(app, "phone", fcmToken, ChannelType.GCM, "NONE", null);

        MessageResponse sent = stack.pinpoint.sendMessages(b -> b.applicationId(app).messageRequest(r -> r
                .addresses(Map.of(apnsToken, address(ChannelType.APNS)))
                .endpoints(Map.of("phone", EndpointSendConfiguration.builder().build()))
                .messageConfiguration(message()))).messageResponse();
        assertThat(sent.result().get(apnsToken).deliveryStatusAsString()).isEqualTo("QUEUED");
        assertThat(sent.endpointResult().get("phone").deliveryStatusAsString()).isEqualTo("QUEUED");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode report = report(app, sent.requestId(), 200);
            assertThat(report.path("ApplicationId").asText()).isEqualTo(app);
            assertThat(report.path("RequestId").asText()).isEqualTo(sent.requestId());
            JsonNode apns = report.path("Result").path(apnsToken);
            assertThat(apns.path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
            assertThat(apns.path("StatusCode").asInt()).isEqualTo(200);
            assertThat(apns.path("MessageId").asText()).isNotBlank();
            JsonNode phone = report.path("EndpointResult").path("phone");
            assertThat(phone.path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
            assertThat(phone.path("Address").asText()).isEqualTo(fcmToken);
        });
        assertThat(stack.apnsReceived(apnsToken)).hasSize(1);
        assertThat(stack.fcmReceived(fcmToken)).hasSize(1);
    }

    @Test
    void aRequestOfAnotherAppOrAnUnknownRequestIsNotFound() throws Exception {
        String app = stack.newApp();
        String other = stack.newApp();
        String token = stack.apnsToken();
        String requestId = stack.pinpoint.sendMessages(b -> b.applicationId(app).messageRequest(r -> r
                .addresses(Map.of(token, address(ChannelType.APNS))).messageConfiguration(message())))
                .messageResponse().requestId();

        assertThat(report(app, requestId, 200).path("Result").has(token)).isTrue();
        assertThat(report(other, requestId, 404).path("Message").asText()).contains(requestId);
        assertThat(report(app, "no-such-request", 404).path("Message").asText()).contains("no-such-request");
    }

    private static JsonNode report(String app, String requestId, int expectedStatus) throws Exception {
        HttpResponse<String> response = RawHttp.send(stack.server.endpoint(), "GET",
                "/v1/apps/" + app + "/messages/" + requestId, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }
}
