package io.pinpush.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.channels.ChannelType;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.testing.AwsCli;
import io.pinpush.testing.EventsExtension;
import io.pinpush.testing.EventsExtension.EventsStack;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Step 9 of the customer's CLI recipe (and its cleanup), run with the real AWS CLI against Pinpush and kinesis-local. */
@ExtendWith(EventsExtension.class)
class AwsCliEventStreamTest {

    private static final String ACCOUNT = "000000000000";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/PinpointServiceRole-cli";

    @Test
    void recipeStepNineConfiguresStreamingThatTheCliCanReadBackAndEventsFlow(EventsStack stack) {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String stream = "pinpoint-events-" + suffix;
        URI kinesis = stack.kinesis().endpoint();
        URI pinpush = stack.server().endpoint();
        String appId = cli(pinpush, "pinpoint", "create-app", "--create-application-request", "Name=cli-" + suffix)
                .path("ApplicationResponse").path("Id").asText();

        cli(kinesis, "kinesis", "create-stream", "--stream-name", stream, "--shard-count", "1");
        cli(kinesis, "kinesis", "wait", "stream-exists", "--stream-name", stream);
        String streamArn = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/" + stream;
        JsonNode put = cli(pinpush, "pinpoint", "put-event-stream", "--application-id", appId,
                "--write-event-stream", "{\"DestinationStreamArn\": \"" + streamArn + "\", \"RoleArn\": \"" + ROLE + "\"}");
        JsonNode got = cli(pinpush, "pinpoint", "get-event-stream", "--application-id", appId);

        assertThat(put.path("EventStream").path("DestinationStreamArn").asText()).isEqualTo(streamArn);
        assertThat(got.path("EventStream").path("ApplicationId").asText()).isEqualTo(appId);
        assertThat(got.path("EventStream").path("DestinationStreamArn").asText()).isEqualTo(streamArn);
        assertThat(got.path("EventStream").path("RoleArn").asText()).isEqualTo(ROLE);
        assertThat(got.path("EventStream").path("LastModifiedDate").asText()).isNotBlank();

        stack.server().pinpush().events().deliveryOutcome(PushOutcome.builder(appId).endpointId("ios-user-001")
                .address("token").channelType(ChannelType.APNS).status(DeliveryStatus.SUCCESSFUL).statusCode(200)
                .build());
        StreamedRecords.await(stack.kinesis(), stream, appId, records -> records.size() == 1);

        JsonNode deleted = cli(pinpush, "pinpoint", "delete-event-stream", "--application-id", appId);
        assertThat(deleted.path("EventStream").path("DestinationStreamArn").asText()).isEqualTo(streamArn);
        cli(kinesis, "kinesis", "delete-stream", "--stream-name", stream);
    }

    private static JsonNode cli(URI endpoint, String... args) {
        return AwsCli.json(endpoint, args);
    }
}
