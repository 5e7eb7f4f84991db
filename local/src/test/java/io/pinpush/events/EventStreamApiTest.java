package io.pinpush.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.local.LocalServer;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import io.pinpush.testing.PinpushExtension;
import io.pinpush.testing.RawHttp;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.EventStream;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;

@ExtendWith(PinpushExtension.class)
class EventStreamApiTest {

    private static final String KINESIS_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/pinpoint-events-a1";
    private static final String FIREHOSE_ARN = "arn:aws:firehose:eu-west-1:123456789012:deliverystream/pinpoint-events";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/PinpointServiceRole-a1";

    @Test
    void putGetAndDeleteEventStreamRoundTrip(PinpointClient pinpoint) {
        String appId = newApp(pinpoint);

        EventStream put = pinpoint.putEventStream(b -> b.applicationId(appId)
                .writeEventStream(w -> w.destinationStreamArn(KINESIS_ARN).roleArn(ROLE_ARN))).eventStream();

        assertThat(put.applicationId()).isEqualTo(appId);
        assertThat(put.destinationStreamArn()).isEqualTo(KINESIS_ARN);
        assertThat(put.roleArn()).isEqualTo(ROLE_ARN);
        assertThat(put.lastModifiedDate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(put.lastUpdatedBy()).isNotBlank();
        assertThat(pinpoint.getEventStream(b -> b.applicationId(appId)).eventStream()).isEqualTo(put);

        EventStream replaced = pinpoint.putEventStream(b -> b.applicationId(appId)
                .writeEventStream(w -> w.destinationStreamArn(FIREHOSE_ARN).roleArn(ROLE_ARN))).eventStream();
        assertThat(pinpoint.getEventStream(b -> b.applicationId(appId)).eventStream().destinationStreamArn())
                .as("one stream per app: a second put replaces the first").isEqualTo(FIREHOSE_ARN);

        EventStream deleted = pinpoint.deleteEventStream(b -> b.applicationId(appId)).eventStream();
        assertThat(deleted).isEqualTo(replaced);
        assertThatThrownBy(() -> pinpoint.getEventStream(b -> b.applicationId(appId)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no event stream");
        assertThatThrownBy(() -> pinpoint.deleteEventStream(b -> b.applicationId(appId)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void streamArnsOtherThanKinesisOrFirehoseAreBadRequestsAndStoreNothing(PinpointClient pinpoint) {
        String appId = newApp(pinpoint);
        Map<String, String> rejected = Map.of(
                "not-an-arn", ROLE_ARN,
                "arn:aws:sqs:us-east-1:123456789012:queue", ROLE_ARN,
                "arn:aws:kinesis:us-east-1:123456789012:deliverystream/x", ROLE_ARN,
                "arn:aws:firehose:us-east-1:123456789012:stream/x", ROLE_ARN,
                "arn:aws:kinesis:us-east-1:12345:stream/x", ROLE_ARN,
                KINESIS_ARN, "arn:aws:iam::123456789012:user/alice",
                FIREHOSE_ARN, "role");

        rejected.forEach((stream, role) -> assertThatThrownBy(() -> pinpoint.putEventStream(b -> b
                .applicationId(appId).writeEventStream(w -> w.destinationStreamArn(stream).roleArn(role))))
                .as("%s with %s", stream, role)
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining(stream.equals(KINESIS_ARN) || stream.equals(FIREHOSE_ARN)
                        ? "RoleArn" : "DestinationStreamArn"));

        assertThatThrownBy(() -> pinpoint.getEventStream(b -> b.applicationId(appId)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void missingMembersAreBadRequests(LocalServer server, PinpointClient pinpoint) {
        String appId = newApp(pinpoint);

        HttpResponse<String> noRole = RawHttp.send(server.endpoint(), "POST", "/v1/apps/" + appId + "/eventstream",
                "{\"DestinationStreamArn\":\"" + KINESIS_ARN + "\"}");
        HttpResponse<String> empty = RawHttp.send(server.endpoint(), "POST", "/v1/apps/" + appId + "/eventstream",
                "{}");

        assertThat(noRole.statusCode()).isEqualTo(400);
        assertThat(noRole.body()).contains("RoleArn is required");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("DestinationStreamArn is required");
    }

    @Test
    void unknownAppIsNotFound(PinpointClient pinpoint) {
        String unknown = "0123456789abcdef0123456789abcdef";

        assertThatThrownBy(() -> pinpoint.putEventStream(b -> b.applicationId(unknown)
                .writeEventStream(w -> w.destinationStreamArn(KINESIS_ARN).roleArn(ROLE_ARN))))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(unknown);
        assertThatThrownBy(() -> pinpoint.getEventStream(b -> b.applicationId(unknown)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(unknown);
        assertThatThrownBy(() -> pinpoint.deleteEventStream(b -> b.applicationId(unknown)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(unknown);
    }

    @Test
    void deleteAppDeletesItsEventStream(LocalServer server, PinpointClient pinpoint) {
        String appId = newApp(pinpoint);
        pinpoint.putEventStream(b -> b.applicationId(appId)
                .writeEventStream(w -> w.destinationStreamArn(KINESIS_ARN).roleArn(ROLE_ARN)));

        pinpoint.deleteApp(b -> b.applicationId(appId));

        var item = server.pinpush().aws().dynamoDb().getItem(b -> b
                .tableName(server.pinpush().config().tableName(Tables.APPS.logicalName()))
                .key(Map.of("pk", Items.s(appId), "sk", Items.s("eventstream")))).item();
        assertThat(item).isEmpty();
    }

    private static String newApp(PinpointClient pinpoint) {
        return pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("events"))).applicationResponse().id();
    }
}
