package io.pinpush.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.Pinpush;
import io.pinpush.apps.CreateApplicationRequest;
import io.pinpush.channels.ChannelType;
import io.pinpush.config.AwsClients;
import io.pinpush.config.PinpushConfig;
import io.pinpush.functions.EventSpillHandler;
import io.pinpush.local.FreePorts;
import io.pinpush.local.KinesisLocal;
import io.pinpush.local.LocalContext;
import io.pinpush.local.LocalInvocation;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.secrets.FileSecretStore;
import io.pinpush.testing.EventSamples;
import io.pinpush.testing.EventsExtension;
import io.pinpush.testing.EventsExtension.EventsStack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.sqs.model.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** When a stream is down, nothing is lost: records wait in the spill queue and the replayer writes them later. */
@ExtendWith(EventsExtension.class)
class EventSpillTest {

    @Test
    void deploymentStreamOutageSpillsEveryRecordAndReplayWritesThemAfterRecovery(EventsStack stack,
                                                                              @TempDir Path secrets) {
        int outagePort = FreePorts.next();
        String stream = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        String spillQueue = stack.createQueue("spill-outage");
        Map<String, String> settings = new HashMap<>(stack.server().pinpush().config().values());
        settings.put("PINPUSH_ENDPOINT_KINESIS", "http://127.0.0.1:" + outagePort);
        settings.put("PINPUSH_EVENT_STREAM_NAME", stream);
        settings.put("PINPUSH_EVENT_SPILL_QUEUE_URL", spillQueue);
        PinpushConfig config = new PinpushConfig(settings);
        try (AwsClients aws = new AwsClients(config)) {
            Pinpush pinpush = new Pinpush(config, aws, new FileSecretStore(secrets), Clock.systemUTC());
            String appId = pinpush.apps().create(new CreateApplicationRequest("outage", null)).id();
            int outcomes = 120;
            for (int i = 0; i < outcomes; i++) {
                pinpush.events().deliveryOutcome(PushOutcome.builder(appId).endpointId("endpoint-" + i)
                        .address("token-" + i).channelType(ChannelType.GCM).status(DeliveryStatus.SUCCESSFUL)
                        .statusCode(200).build());
            }

            pinpush.events().flush();

            assertThat(stack.approximateMessages(spillQueue)).as("spilled while the stream is down").isPositive();
            SpillReplayer replayer = pinpush.spillReplayer().orElseThrow();
            SpillReplayer.Result stillDown = replayer.drain(100);
            assertThat(stillDown.recordsWritten()).isZero();
            assertThat(stillDown.messagesLeft()).isPositive();

            try (KinesisLocal recovered = KinesisLocal.start(outagePort)) {
                recovered.createStream(stream, 2);

                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> replayer.drain(100).messages() == 0 && stack.approximateMessages(spillQueue) == 0);

                List<StreamedRecords> records = StreamedRecords.of(recovered, stream, appId);
                assertThat(records).hasSize(outcomes);
                assertThat(records).extracting(r -> r.json().path("client").path("client_id").asText())
                        .as("every outcome exactly once").doesNotHaveDuplicates().hasSize(outcomes);
                assertThat(records).allSatisfy(r -> assertThat(r.partitionKey())
                        .isEqualTo(r.json().path("client").path("client_id").asText()));
            } finally {
                pinpush.eventPublisher().close();
            }
        }
    }

    @Test
    void appDestinationOutageSpillsOnlyItsRecordsAndReplayWritesThemThere(EventsStack stack) {
        String appId = OutcomeEventsTest.newApp(stack);
        String notYetThere = "late-stream-" + UUID.randomUUID().toString().substring(0, 8);
        stack.pinpoint().putEventStream(b -> b.applicationId(appId).writeEventStream(w -> w
                .destinationStreamArn(stack.kinesis().streamArn(notYetThere))
                .roleArn("arn:aws:iam::000000000000:role/PinpointEvents")));

        stack.server().pinpush().events().deliveryOutcome(PushOutcome.builder(appId).endpointId("endpoint-1")
                .address("t").channelType(ChannelType.APNS).status(DeliveryStatus.TEMPORARY_FAILURE)
                .statusCode(503).build());
        stack.server().pinpush().events().flush();

        assertThat(StreamedRecords.of(stack.kinesis(), EventsExtension.STREAM, appId))
                .as("the deployment stream was up").hasSize(1);
        assertThat(stack.approximateMessages(stack.spillQueueUrl())).isPositive();

        stack.kinesis().createStream(notYetThere, 1);
        SpillReplayer replayer = stack.server().pinpush().spillReplayer().orElseThrow();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> replayer.drain(100).messages() == 0
                        && stack.approximateMessages(stack.spillQueueUrl()) == 0);

        assertThat(StreamedRecords.of(stack.kinesis(), notYetThere, appId)).singleElement()
                .satisfies(r -> assertThat(r.json().path("attributes").path("send_status").asText())
                        .isEqualTo("TEMPORARY_FAILURE"));
        assertThat(StreamedRecords.of(stack.kinesis(), EventsExtension.STREAM, appId))
                .as("replay writes only where the record was missing").hasSize(1);
    }

    @Test
    void spillFunctionReportsMessagesWhoseDestinationIsStillDownAsFailedAndCompletesThemAfterRecovery(
            EventsStack stack) {
        String appId = OutcomeEventsTest.newApp(stack);
        String notYetThere = "late-fn-stream-" + UUID.randomUUID().toString().substring(0, 8);
        String queue = stack.createQueue("spill-fn");
        SpillReplayer replayer = new SpillReplayer(stack::sqs, queue,
                new DestinationSinks(stack.server().pinpush().aws()), new BatchWriter(2, Duration.ofMillis(10)),
                new SqsEventSpill(stack::sqs, queue));
        new SqsEventSpill(stack::sqs, queue).spill(Destination.kinesis(notYetThere, "us-east-1"),
                List.of(new StreamRecord(appId, "endpoint-1",
                "{\"event_type\":\"_push.send\",\"application\":{\"app_id\":\"" + appId + "\"}}")));
        EventSpillHandler handler = new EventSpillHandler(replayer);

        List<Message> down = receive(stack, queue);
        List<String> whileDown = LocalInvocation.batchItemFailures(EventSamples.invoke(handler, event(down)));

        assertThat(whileDown).containsExactly(down.get(0).messageId());

        stack.kinesis().createStream(notYetThere, 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Message> again = receive(stack, queue);
            return !again.isEmpty()
                    && LocalInvocation.batchItemFailures(EventSamples.invoke(handler, event(again))).isEmpty();
        });
        assertThat(StreamedRecords.of(stack.kinesis(), notYetThere, appId)).hasSize(1);
    }

    /** What Lambda's SQS trigger would receive for the function. */
    private static List<Message> receive(EventsStack stack, String queue) {
        return stack.sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                .messageSystemAttributeNamesWithStrings("All")).messages();
    }

    /** ...and the event it would hand the function. */
    private static String event(List<Message> messages) {
        return LocalInvocation.sqsEvent(messages, "arn:aws:sqs:us-east-1:000000000000:spill", "us-east-1").toString();
    }
}
