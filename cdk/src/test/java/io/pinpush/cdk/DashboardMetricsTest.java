package io.pinpush.cdk;

import static io.pinpush.cdk.Cfn.at;
import static io.pinpush.cdk.Cfn.list;
import static io.pinpush.cdk.Cfn.map;
import static io.pinpush.cdk.Cfn.props;
import static io.pinpush.cdk.Cfn.resources;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpush.channels.ChannelType;
import io.pinpush.messaging.DeliveryOutcome;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.messaging.DeliveryTarget;
import io.pinpush.messaging.MessageResult;
import io.pinpush.metrics.DeliveryMetrics;
import io.pinpush.metrics.MetricNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * Every Pinpush metric the dashboard and the alarms read is one the code emits, under the same name and
 * dimension set. CloudWatch raises no error for a metric nobody writes: the graph is just empty and the
 * alarm never fires, so this is checked here, from both ends: the EMF lines {@link DeliveryMetrics} prints
 * and the synthesized template.
 */
class DashboardMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code SEARCH('{Pinpush,Channel,Status} MetricName="Deliveries"', ...)} in the dashboard body. */
    private static final Pattern SEARCH = Pattern.compile(
            "\\{" + MetricNames.NAMESPACE + "((?:,[A-Za-z]+)*)\\} MetricName=\\\\?\"([A-Za-z]+)\\\\?\"");
    /** {@code ["Pinpush","Deliveries","Status","SUCCESSFUL", ...]}: a metric in a dashboard widget's list. */
    private static final Pattern WIDGET_METRIC = Pattern.compile(
            "\\[\"" + MetricNames.NAMESPACE + "\",\"([A-Za-z]+)\"((?:,\"[^\"]*\",\"[^\"]*\")*)");

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = Synth.template(Map.of());
    }

    @Test
    void everyPinpushMetricTheDashboardAndAlarmsReadIsEmittedWithThatDimensionSet() throws Exception {
        Set<String> read = new TreeSet<>();
        read.addAll(readByDashboard());
        read.addAll(readByAlarms());
        assertThat(read).as("the dashboard and alarms read delivery metrics").contains(
                MetricNames.DELIVERIES + " [Status]", MetricNames.PROVIDER_LATENCY + " [Channel]");

        assertThat(emitted()).containsAll(read);
    }

    @Test
    void theCheckSeesAMetricNobodyEmits() {
        assertThat(searches("SEARCH('{Pinpush,Region} MetricName=\\\"Deliveries\\\"', 'Sum', 300)"))
                .containsExactly("Deliveries [Region]");
        assertThat(widgetMetrics("[\"Pinpush\",\"Deliveries\",\"Status\",\"SUCCESSFUL\",{\"stat\":\"Sum\"}]"))
                .containsExactly("Deliveries [Status]");
    }

    /** Metric and dimension names (values dropped) of every Pinpush metric in the dashboard body. */
    private static Set<String> readByDashboard() {
        StringBuilder body = new StringBuilder();
        resources(template, "AWS::CloudWatch::Dashboard").values().forEach(dashboard -> {
            Object value = props(dashboard).get("DashboardBody");
            // The body is a string, or an Fn::Join of strings and references (queue names and the like).
            if (value instanceof String s) {
                body.append(s);
            } else {
                list(list(map(value).get("Fn::Join")).get(1)).forEach(part -> body.append(
                        part instanceof String s ? s : "TOKEN"));
            }
        });
        Set<String> read = new TreeSet<>(searches(body.toString()));
        read.addAll(widgetMetrics(body.toString()));
        return read;
    }

    private static Set<String> searches(String body) {
        Set<String> found = new TreeSet<>();
        Matcher m = SEARCH.matcher(body);
        while (m.find()) {
            found.add(key(m.group(2), m.group(1).isEmpty() ? new String[0] : m.group(1).substring(1).split(",")));
        }
        return found;
    }

    private static Set<String> widgetMetrics(String body) {
        Set<String> found = new TreeSet<>();
        Matcher m = WIDGET_METRIC.matcher(body);
        while (m.find()) {
            String[] pairs = m.group(2).isEmpty() ? new String[0] : m.group(2).substring(2).split("\",\"");
            String[] names = new String[pairs.length / 2];
            for (int i = 0; i < names.length; i++) {
                names[i] = pairs[2 * i].replace("\"", "");
            }
            found.add(key(m.group(1), names));
        }
        return found;
    }

    /** Metric and dimension names of every Pinpush metric an alarm watches, directly or in its math. */
    private static Set<String> readByAlarms() {
        Set<String> read = new TreeSet<>();
        resources(template, "AWS::CloudWatch::Alarm").values().forEach(alarm -> {
            Map<String, Object> p = props(alarm);
            if (MetricNames.NAMESPACE.equals(p.get("Namespace"))) {
                read.add(key((String) p.get("MetricName"), dimensionNames(p.get("Dimensions"))));
            }
            if (p.get("Metrics") != null) {
                list(p.get("Metrics")).forEach(query -> {
                    Object metric = at(query, "MetricStat", "Metric");
                    if (metric != null && MetricNames.NAMESPACE.equals(map(metric).get("Namespace"))) {
                        read.add(key((String) map(metric).get("MetricName"), dimensionNames(map(metric).get("Dimensions"))));
                    }
                });
            }
        });
        return read;
    }

    private static String[] dimensionNames(Object dimensions) {
        return dimensions == null ? new String[0]
                : list(dimensions).stream().map(d -> (String) map(d).get("Name")).toArray(String[]::new);
    }

    /** Metric and dimension-set names of every EMF record DeliveryMetrics prints for every kind of outcome. */
    private static Set<String> emitted() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            DeliveryMetrics metrics = DeliveryMetrics.toStandardOutput();
            for (DeliveryStatus status : DeliveryStatus.values()) {
                // Three attempts: retried twice, and dead-lettered when the status is a retryable one.
                metrics.onOutcome(new DeliveryOutcome("app", "request", 0, DeliveryTarget.address("token", ChannelType.APNS),
                        null, MessageResult.of(status, 200, "test"), 3, "2026-12-04T12:00:00Z"));
            }
            metrics.answered("app", ChannelType.APNS, Duration.ofMillis(5));
            metrics.flush();
        } finally {
            System.setOut(original);
        }
        Set<String> emitted = new TreeSet<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.startsWith("{") || !line.contains("\"_aws\"")) {
                continue;
            }
            for (JsonNode directive : JSON.readTree(line).path("_aws").path("CloudWatchMetrics")) {
                if (!MetricNames.NAMESPACE.equals(directive.path("Namespace").asText())) {
                    continue;
                }
                for (JsonNode metric : directive.path("Metrics")) {
                    for (JsonNode set : directive.path("Dimensions")) {
                        String[] names = new String[set.size()];
                        for (int i = 0; i < names.length; i++) {
                            names[i] = set.get(i).asText();
                        }
                        emitted.add(key(metric.path("Name").asText(), names));
                    }
                }
            }
        }
        return emitted;
    }

    /** "Deliveries [Channel, Status]": dimension names sorted, since CloudWatch matches sets, not sequences. */
    private static String key(String metric, String... dimensions) {
        return metric + " " + new TreeSet<>(java.util.List.of(dimensions)).toString();
    }
}
