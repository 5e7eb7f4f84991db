package io.pinpush.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.channels.ChannelType;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.testing.AwsCli;
import io.pinpush.testing.EventsExtension;
import io.pinpush.testing.EventsExtension.EventsStack;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Delivery outcomes and endpoints made INACTIVE, as the messaging flow reports them, reach the stream. */
@ExtendWith(EventsExtension.class)
class OutcomeEventsTest {

    @Test
    void deliveryOutcomeArrivesInPinpointEnvelopeKeyedByEndpoint(EventsStack stack) {
        String appId = newApp(stack);
        Instant finished = Instant.parse("2026-11-23T10:15:30.123Z");

        stack.server().pinpush().events().deliveryOutcome(PushOutcome.builder(appId)
                .endpointId("endpoint-1").userId("user-7").address("a1b2c3token").channelType(ChannelType.APNS)
                .status(DeliveryStatus.SUCCESSFUL).statusCode(200).statusMessage("OK").messageId("apns-id-1")
                .requestId("req-1").traceId("trace-1").finishedAt(finished)
                .build());

        StreamedRecords record = StreamedRecords.await(stack.kinesis(), EventsExtension.STREAM, appId,
                records -> records.size() == 1).get(0);
        assertThat(record.partitionKey()).isEqualTo("endpoint-1");
        JsonNode event = record.json();
        assertThat(event.path("event_type").asText()).isEqualTo("_push.send");
        assertThat(event.path("event_timestamp").asLong()).isEqualTo(finished.toEpochMilli());
        assertThat(event.path("arrival_timestamp").asLong()).isGreaterThanOrEqualTo(finished.toEpochMilli());
        assertThat(event.path("event_version").asText()).isEqualTo("3.1");
        assertThat(event.path("application").path("app_id").asText()).isEqualTo(appId);
        assertThat(event.path("application").path("sdk").isObject()).isTrue();
        assertThat(event.path("client").path("client_id").asText()).isEqualTo("endpoint-1");
        assertThat(event.path("device").path("platform").isObject()).isTrue();
        assertThat(event.path("session").isObject()).isTrue();
        assertThat(event.path("metrics").isObject()).isTrue();
        assertThat(event.path("awsAccountId").asText()).isEqualTo("000000000000");
        JsonNode attributes = event.path("attributes");
        assertThat(attributes.path("delivery_type").asText()).isEqualTo("APNS");
        assertThat(attributes.path("send_status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(attributes.path("status_code").asText()).isEqualTo("200");
        assertThat(attributes.path("status_message").asText()).isEqualTo("OK");
        assertThat(attributes.path("message_id").asText()).isEqualTo("apns-id-1");
        assertThat(attributes.path("request_id").asText()).isEqualTo("req-1");
        assertThat(attributes.path("trace_id").asText()).isEqualTo("trace-1");
        JsonNode endpoint = StreamedRecords.parse(event.path("client_context").path("custom").path("endpoint").asText());
        assertThat(endpoint.path("Id").asText()).isEqualTo("endpoint-1");
        assertThat(endpoint.path("Address").asText()).isEqualTo("a1b2c3token");
        assertThat(endpoint.path("ChannelType").asText()).isEqualTo("APNS");
        assertThat(endpoint.path("User").path("UserId").asText()).isEqualTo("user-7");
    }

    /** A SendUsersMessages Context rides along, but never stands in for an attribute Pinpush writes, set or not. */
    @Test
    void aSendsOwnAttributesAreAddedButNeverReplaceOrFakePinpushsOwn(EventsStack stack) {
        String appId = newApp(stack);

        stack.server().pinpush().events().deliveryOutcome(PushOutcome.builder(appId).endpointId("endpoint-7")
                .channelType(ChannelType.GCM).status(DeliveryStatus.SUCCESSFUL).statusCode(200).requestId("req-7")
                .extraAttributes(Map.of("table", "7", "send_status", "FAKE", "updated_token", "not-from-a-provider"))
                .build());

        JsonNode attributes = StreamedRecords.await(stack.kinesis(), EventsExtension.STREAM, appId,
                records -> records.size() == 1).get(0).json().path("attributes");
        assertThat(attributes.path("table").asText()).isEqualTo("7");
        assertThat(attributes.path("send_status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(attributes.has("updated_token")).as("no provider sent one").isFalse();
    }

    @Test
    void sendToARawAddressIsKeyedByTheAddress(EventsStack stack) {
        String appId = newApp(stack);

        stack.server().pinpush().events().deliveryOutcome(PushOutcome.builder(appId)
                .address("fcm-token-9").channelType(ChannelType.GCM).status(DeliveryStatus.PERMANENT_FAILURE)
                .statusCode(404).statusMessage("UNREGISTERED").requestId("req-2").build());

        StreamedRecords record = StreamedRecords.await(stack.kinesis(), EventsExtension.STREAM, appId,
                records -> records.size() == 1).get(0);
        assertThat(record.partitionKey()).isEqualTo("fcm-token-9");
        assertThat(record.json().path("attributes").path("delivery_type").asText()).isEqualTo("GCM");
        assertThat(record.json().path("attributes").path("send_status").asText()).isEqualTo("PERMANENT_FAILURE");
        assertThat(record.json().path("client").has("client_id")).as("no endpoint, no client id").isFalse();
    }

    @Test
    void endpointMadeInactiveIsStreamedWithTheProvidersReason(EventsStack stack) {
        String appId = newApp(stack);
        PushOutcome cause = PushOutcome.builder(appId).endpointId("endpoint-2").address("dead-token")
                .channelType(ChannelType.APNS_SANDBOX).status(DeliveryStatus.PERMANENT_FAILURE).statusCode(410)
                .statusMessage("Unregistered").requestId("req-3").build();

        stack.server().pinpush().events().deliveryOutcome(cause);
        stack.server().pinpush().events().endpointInactive("endpoint-2", cause);

        List<StreamedRecords> records = StreamedRecords.await(stack.kinesis(), EventsExtension.STREAM, appId,
                all -> all.size() == 2);
        StreamedRecords inactive = records.stream()
                .filter(r -> r.json().path("event_type").asText().equals("_endpoint.inactive")).findFirst().orElseThrow();
        assertThat(inactive.partitionKey()).isEqualTo("endpoint-2");
        assertThat(records).allSatisfy(r -> assertThat(r.partitionKey()).isEqualTo("endpoint-2"));
        assertThat(inactive.json().path("attributes").path("reason").asText()).isEqualTo("Unregistered");
        assertThat(inactive.json().path("attributes").path("status_code").asText()).isEqualTo("410");
        assertThat(inactive.json().path("attributes").path("delivery_type").asText()).isEqualTo("APNS_SANDBOX");
        JsonNode endpoint = StreamedRecords.parse(
                inactive.json().path("client_context").path("custom").path("endpoint").asText());
        assertThat(endpoint.path("EndpointStatus").asText()).isEqualTo("INACTIVE");
    }

    @Test
    void campaignDeliveryIsACampaignSendEvent(EventsStack stack) {
        String appId = newApp(stack);

        stack.server().pinpush().events().deliveryOutcome(PushOutcome.builder(appId).endpointId("endpoint-3")
                .address("t").channelType(ChannelType.GCM).status(DeliveryStatus.SUCCESSFUL).statusCode(200)
                .campaign("campaign-1", "activity-1", "0").build());

        JsonNode event = StreamedRecords.await(stack.kinesis(), EventsExtension.STREAM, appId,
                records -> records.size() == 1).get(0).json();
        assertThat(event.path("event_type").asText()).isEqualTo("_campaign.send");
        assertThat(event.path("attributes").path("campaign_id").asText()).isEqualTo("campaign-1");
        assertThat(event.path("attributes").path("campaign_activity_id").asText()).isEqualTo("activity-1");
        assertThat(event.path("attributes").path("treatment_id").asText()).isEqualTo("0");
        assertThat(event.path("attributes").path("campaign_send_status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void appsOwnKinesisDestinationReceivesItsEventsToo(EventsStack stack) {
        String appId = newApp(stack);
        String own = "app-stream-" + UUID.randomUUID().toString().substring(0, 8);
        stack.kinesis().createStream(own, 1);
        stack.pinpoint().putEventStream(b -> b.applicationId(appId).writeEventStream(w -> w
                .destinationStreamArn(stack.kinesis().streamArn(own))
                .roleArn("arn:aws:iam::000000000000:role/PinpointEvents")));
        String otherApp = newApp(stack);

        stack.server().pinpush().events().deliveryOutcome(PushOutcome.builder(appId).endpointId("endpoint-4")
                .address("t4").channelType(ChannelType.APNS).status(DeliveryStatus.SUCCESSFUL).statusCode(200).build());
        stack.server().pinpush().events().deliveryOutcome(PushOutcome.builder(otherApp).endpointId("endpoint-5")
                .address("t5").channelType(ChannelType.APNS).status(DeliveryStatus.SUCCESSFUL).statusCode(200).build());

        StreamedRecords inOwn = StreamedRecords.await(stack.kinesis(), own, appId, records -> records.size() == 1)
                .get(0);
        assertThat(inOwn.partitionKey()).isEqualTo("endpoint-4");
        assertThat(inOwn.json().path("event_type").asText()).isEqualTo("_push.send");
        StreamedRecords.await(stack.kinesis(), EventsExtension.STREAM, appId, records -> records.size() == 1);
        StreamedRecords.await(stack.kinesis(), EventsExtension.STREAM, otherApp, records -> records.size() == 1);
        assertThat(StreamedRecords.of(stack.kinesis(), own, otherApp)).as("another app's events stay out").isEmpty();
    }

    @Test
    void appsOwnFirehoseDestinationReceivesJsonLinesWrittenWithTheAssumedRole(EventsStack stack) {
        String appId = newApp(stack);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String bucket = "pinpush-events-" + suffix;
        String deliveryStream = "events-to-s3-" + suffix;
        // moto keeps resources per account. The stream lives in the customer's account, where only the role's
        // credentials reach it (Pinpush's own credentials map to moto's default account): a record arriving
        // there proves the role was assumed through STS.
        String customerAccount = "111122223333";
        AwsCli.Credentials customer = AwsCli.Credentials.ofRoleIn(stack.moto().endpoint(), customerAccount);
        AwsCli.json(customer, stack.moto().endpoint(), "s3api", "create-bucket", "--bucket", bucket);
        String firehoseArn = AwsCli.json(customer, stack.moto().endpoint(), "firehose", "create-delivery-stream",
                "--delivery-stream-name", deliveryStream, "--extended-s3-destination-configuration",
                "RoleARN=arn:aws:iam::" + customerAccount + ":role/firehose,BucketARN=arn:aws:s3:::" + bucket)
                .path("DeliveryStreamARN").asText();
        assertThat(firehoseArn).contains(":" + customerAccount + ":");
        stack.pinpoint().putEventStream(b -> b.applicationId(appId).writeEventStream(w -> w
                .destinationStreamArn(firehoseArn).roleArn("arn:aws:iam::" + customerAccount + ":role/PinpointEvents")));

        stack.server().pinpush().events().deliveryOutcome(PushOutcome.builder(appId).endpointId("endpoint-6")
                .address("t6").channelType(ChannelType.BAIDU).status(DeliveryStatus.THROTTLED).statusCode(429).build());
        stack.server().pinpush().events().flush();

        String key = AwsCli.text(customer, stack.moto().endpoint(), "text", "s3api", "list-objects-v2", "--bucket",
                bucket, "--query", "Contents[0].Key").trim();
        String object = AwsCli.text(customer, stack.moto().endpoint(), "text", "s3", "cp",
                "s3://" + bucket + "/" + key, "-");
        assertThat(object).endsWith("\n");
        JsonNode event = StreamedRecords.parse(object.trim());
        assertThat(event.path("event_type").asText()).isEqualTo("_push.send");
        assertThat(event.path("application").path("app_id").asText()).isEqualTo(appId);
        assertThat(event.path("attributes").path("send_status").asText()).isEqualTo("THROTTLED");
    }

    static String newApp(EventsStack stack) {
        return stack.pinpoint().createApp(b -> b.createApplicationRequest(r -> r.name("events")))
                .applicationResponse().id();
    }
}
