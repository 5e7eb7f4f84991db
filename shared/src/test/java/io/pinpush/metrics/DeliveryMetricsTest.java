package io.pinpush.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpush.channels.ChannelType;
import io.pinpush.messaging.DeadLetterSettler;
import io.pinpush.messaging.DeliveryOutcome;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.messaging.DeliveryTarget;
import io.pinpush.messaging.MessageResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;
import software.amazon.lambda.powertools.metrics.internal.EmfMetricsLogger;

class DeliveryMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines = new ArrayList<>();
    private final DeliveryMetrics metrics = new DeliveryMetrics(new EmfMetricsLogger(new CapturingProvider(lines),
            new MetricsContext()));

    @Test
    void theMetricsWriterIsMadeOnlyWhenThereAreFiguresToWrite() throws Exception {
        AtomicInteger made = new AtomicInteger();
        DeliveryMetrics lazy = new DeliveryMetrics(() -> {
            made.incrementAndGet();
            return new EmfMetricsLogger(new CapturingProvider(lines), new MetricsContext());
        });

        lazy.flush();
        assertThat(made).as("an invocation that settled nothing loads no EMF writer").hasValue(0);

        lazy.onOutcome(outcome("app1", ChannelType.APNS, DeliveryStatus.SUCCESSFUL, 1));
        lazy.flush();
        lazy.onOutcome(outcome("app1", ChannelType.APNS, DeliveryStatus.SUCCESSFUL, 1));
        lazy.flush();
        assertThat(made).as("made once, then reused").hasValue(1);
        assertThat(records()).hasSize(2).allSatisfy(record -> assertThat(
                record.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText()).isEqualTo("Pinpush"));
    }

    @Test
    void deliveriesAreCountedPerAppChannelAndStatusWithTheDashboardsDimensionSets() throws Exception {
        metrics.onOutcome(outcome("app1", ChannelType.APNS, DeliveryStatus.SUCCESSFUL, 1));
        metrics.onOutcome(outcome("app1", ChannelType.APNS, DeliveryStatus.SUCCESSFUL, 1));
        metrics.onOutcome(outcome("app1", ChannelType.GCM, DeliveryStatus.PERMANENT_FAILURE, 1));
        metrics.onOutcome(outcome("app2", ChannelType.APNS, DeliveryStatus.SUCCESSFUL, 1));
        metrics.flush();

        List<JsonNode> records = records();
        assertThat(records).hasSize(3).allSatisfy(record -> {
            JsonNode directive = record.path("_aws").path("CloudWatchMetrics").get(0);
            assertThat(directive.path("Namespace").asText()).isEqualTo("Pinpush");
            assertThat(dimensionSets(directive)).containsExactly(List.of("Status"), List.of("Channel", "Status"),
                    List.of("ApplicationId", "Channel", "Status"));
            assertThat(directive.path("Metrics").get(0).path("Name").asText()).isEqualTo("Deliveries");
            assertThat(directive.path("Metrics").get(0).path("Unit").asText()).isEqualTo("Count");
            assertThat(record.has("Service")).as("no Powertools default dimension").isFalse();
        });
        assertThat(records).anySatisfy(record -> {
            assertThat(record.path("ApplicationId").asText()).isEqualTo("app1");
            assertThat(record.path("Channel").asText()).isEqualTo("APNS");
            assertThat(record.path("Status").asText()).isEqualTo("SUCCESSFUL");
            assertThat(record.path("Deliveries").asDouble()).isEqualTo(2.0);
        });
        assertThat(records).anySatisfy(record -> {
            assertThat(record.path("ApplicationId").asText()).isEqualTo("app1");
            assertThat(record.path("Channel").asText()).isEqualTo("GCM");
            assertThat(record.path("Status").asText()).isEqualTo("PERMANENT_FAILURE");
            assertThat(record.path("Deliveries").asDouble()).isEqualTo(1.0);
        });
        assertThat(records).anySatisfy(record -> {
            assertThat(record.path("ApplicationId").asText()).isEqualTo("app2");
            assertThat(record.path("Deliveries").asDouble()).isEqualTo(1.0);
        });
    }

    @Test
    void retriesAndGiveUpsAreCountedPerAppAndChannelFromTheAttemptsOfTheFinalOutcome() throws Exception {
        metrics.onOutcome(outcome("app1", ChannelType.APNS, DeliveryStatus.SUCCESSFUL, 3));
        metrics.onOutcome(outcome("app1", ChannelType.APNS, DeliveryStatus.TEMPORARY_FAILURE, 3));
        metrics.onOutcome(outcome("app1", ChannelType.GCM, DeliveryStatus.SUCCESSFUL, 1));
        metrics.flush();

        List<JsonNode> channelRecords = records().stream().filter(r -> !r.has("Deliveries")).toList();
        assertThat(channelRecords).singleElement().satisfies(record -> {
            JsonNode directive = record.path("_aws").path("CloudWatchMetrics").get(0);
            assertThat(dimensionSets(directive)).containsExactly(List.of("Channel"), List.of("ApplicationId", "Channel"));
            assertThat(record.path("ApplicationId").asText()).isEqualTo("app1");
            assertThat(record.path("Channel").asText()).isEqualTo("APNS");
            assertThat(record.path("Retries").asDouble()).isEqualTo(4.0);
            assertThat(record.path("DeadLettered").asDouble()).isEqualTo(1.0);
            assertThat(record.has("ProviderLatency")).isFalse();
        });
    }

    @Test
    void aDeliveryTheDeadLetterSettlerRecordedIsCountedAsGivenUp() throws Exception {
        metrics.onOutcome(new DeliveryOutcome("app1", "request-1", 0, DeliveryTarget.address("token", ChannelType.APNS),
                null, DeadLetterSettler.NO_OUTCOME, 0, "2026-12-05T12:00:00Z"));
        metrics.onOutcome(outcome("app1", ChannelType.APNS, DeliveryStatus.UNKNOWN_FAILURE, 1));
        metrics.flush();

        assertThat(records().stream().filter(r -> !r.has("Deliveries")).toList()).singleElement()
                .satisfies(record -> assertThat(record.path("DeadLettered").asDouble()).isEqualTo(1.0));
    }

    @Test
    void providerLatencyKeepsEveryAnswerTimeInMillisecondsPerAppAndChannel() throws Exception {
        metrics.answered("app1", ChannelType.APNS, Duration.ofMillis(12));
        metrics.answered("app1", ChannelType.APNS, Duration.ofNanos(3_500_000));
        metrics.answered("app1", ChannelType.GCM, Duration.ofMillis(40));
        metrics.answered("app2", ChannelType.APNS, Duration.ofMillis(7));
        metrics.onOutcome(outcome("app1", ChannelType.APNS, DeliveryStatus.SUCCESSFUL, 2));
        metrics.flush();

        List<JsonNode> latencyRecords = records().stream().filter(r -> r.has("ProviderLatency")).toList();
        assertThat(latencyRecords).hasSize(3).allSatisfy(record -> {
            JsonNode directive = record.path("_aws").path("CloudWatchMetrics").get(0);
            assertThat(directive.path("Namespace").asText()).isEqualTo("Pinpush");
            assertThat(dimensionSets(directive)).containsExactly(List.of("Channel"), List.of("ApplicationId", "Channel"));
            assertThat(directive.path("Metrics")).anySatisfy(metric -> {
                assertThat(metric.path("Name").asText()).isEqualTo("ProviderLatency");
                assertThat(metric.path("Unit").asText()).isEqualTo("Milliseconds");
            });
            assertThat(record.has("Service")).as("no Powertools default dimension").isFalse();
        });
        assertThat(latencyRecords).anySatisfy(record -> {
            assertThat(record.path("ApplicationId").asText()).isEqualTo("app1");
            assertThat(record.path("Channel").asText()).isEqualTo("APNS");
            assertThat(values(record.path("ProviderLatency"))).containsExactly(12.0, 3.5);
            assertThat(record.path("Retries").asDouble()).as("same dimensions, same record").isEqualTo(1.0);
        });
        assertThat(latencyRecords).anySatisfy(record -> {
            assertThat(record.path("ApplicationId").asText()).isEqualTo("app1");
            assertThat(record.path("Channel").asText()).isEqualTo("GCM");
            assertThat(values(record.path("ProviderLatency"))).containsExactly(40.0);
        });
        assertThat(latencyRecords).anySatisfy(record -> {
            assertThat(record.path("ApplicationId").asText()).isEqualTo("app2");
            assertThat(values(record.path("ProviderLatency"))).containsExactly(7.0);
        });
    }

    @Test
    void aBusyChannelsLatenciesAreAllWrittenHowEverManyRecordsTheyTake() throws Exception {
        for (int i = 1; i <= 250; i++) {
            metrics.answered("app1", ChannelType.GCM, Duration.ofMillis(i));
        }
        metrics.flush();

        List<Double> written = new ArrayList<>();
        records().forEach(record -> written.addAll(values(record.path("ProviderLatency"))));
        assertThat(written).hasSize(250).contains(1.0, 100.0, 101.0, 250.0);
    }

    @Test
    void aFlushWritesOnlyWhatWasCountedSinceThePreviousOne() throws Exception {
        metrics.onOutcome(outcome("app1", ChannelType.APNS, DeliveryStatus.SUCCESSFUL, 1));
        metrics.flush();
        lines.clear();

        metrics.flush();
        assertThat(lines).isEmpty();

        metrics.onOutcome(outcome("app1", ChannelType.APNS, DeliveryStatus.SUCCESSFUL, 1));
        metrics.flush();
        assertThat(records()).singleElement()
                .satisfies(record -> assertThat(record.path("Deliveries").asDouble()).isEqualTo(1.0));
    }

    @Test
    void theStandardOutputMetricsWriteEmfJsonLinesToStandardOutput() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            DeliveryMetrics standard = DeliveryMetrics.toStandardOutput();
            standard.onOutcome(outcome("app-stdout", ChannelType.GCM, DeliveryStatus.OPT_OUT, 0));
            standard.flush();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> printed = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                printed.add(JSON.readTree(line));
            }
        }
        assertThat(printed).singleElement().satisfies(record -> {
            assertThat(record.path("ApplicationId").asText()).isEqualTo("app-stdout");
            assertThat(record.path("Status").asText()).isEqualTo("OPT_OUT");
            assertThat(record.path("Deliveries").asDouble()).isEqualTo(1.0);
        });
    }

    private List<JsonNode> records() throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines) {
            records.add(JSON.readTree(line));
        }
        return records;
    }

    /** An EMF metric value: one number, or an array of them. */
    private static List<Double> values(JsonNode value) {
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false).map(JsonNode::asDouble).toList();
        }
        return value.isMissingNode() ? List.of() : List.of(value.asDouble());
    }

    private static List<List<String>> dimensionSets(JsonNode directive) {
        return StreamSupport.stream(directive.path("Dimensions").spliterator(), false)
                .map(set -> StreamSupport.stream(set.spliterator(), false).map(JsonNode::asText).toList())
                .toList();
    }

    private static DeliveryOutcome outcome(String appId, ChannelType channel, DeliveryStatus status, int attempts) {
        return new DeliveryOutcome(appId, "request-1", 0, DeliveryTarget.address("token", channel), null,
                MessageResult.of(status, 200, "test"), attempts, "2026-11-23T12:00:00Z");
    }

    /** An EMF environment whose sink keeps the serialized records instead of printing them. */
    private static final class CapturingProvider extends EnvironmentProvider {

        private final Environment environment;

        CapturingProvider(List<String> lines) {
            ISink sink = new ISink() {
                @Override
                public void accept(MetricsContext context) {
                    try {
                        lines.addAll(context.serialize());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public CompletableFuture<Void> shutdown() {
                    return CompletableFuture.completedFuture(null);
                }
            };
            this.environment = new Environment() {
                public boolean probe() {
                    return true;
                }

                public String getName() {
                    return "test";
                }

                public String getType() {
                    return "test";
                }

                public String getLogGroupName() {
                    return "test";
                }

                public void configureContext(MetricsContext context) {
                }

                public ISink getSink() {
                    return sink;
                }
            };
        }

        @Override
        public CompletableFuture<Environment> resolveEnvironment() {
            return CompletableFuture.completedFuture(environment);
        }

        @Override
        public Environment getDefaultEnvironment() {
            return environment;
        }
    }
}
