package io.pinpush.cdk;

import static io.pinpush.metrics.MetricNames.CHANNEL;
import static io.pinpush.metrics.MetricNames.DEAD_LETTERED;
import static io.pinpush.metrics.MetricNames.DELIVERIES;
import static io.pinpush.metrics.MetricNames.NAMESPACE;
import static io.pinpush.metrics.MetricNames.PROVIDER_LATENCY;
import static io.pinpush.metrics.MetricNames.RETRIES;
import static io.pinpush.metrics.MetricNames.STATUS;

import io.pinpush.messaging.DeliveryStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The dashboard and alarms. Delivery metrics come from the functions' EMF log lines under the names in
 * {@link io.pinpush.metrics.MetricNames}; queue, function and API metrics come from the services themselves.
 * With {@code alarmEmail} set, every alarm notifies an SNS topic with that address subscribed.
 */
final class Observability extends Construct {

    private static final Duration PERIOD = Duration.minutes(5);
    /** How long a dead-lettered delivery may wait for its outcome before an alarm. */
    static final int DEAD_LETTERS_WAITING_SECONDS = 1800;

    final Dashboard dashboard;
    final List<Alarm> alarms = new ArrayList<>();
    final Optional<Topic> alarmTopic;

    Observability(Construct scope, String id, StackSettings settings, PinpushFunctions functions,
                  Messaging messaging, PinpushApi api, IKey key) {
        super(scope, id);

        // The dead-letter function drains the delivery dead-letter queue within seconds, so its depth would miss most
        // arrivals: what it received is the signal.
        alarms.add(alarm("DeliveriesDeadLettered", "Deliveries had no outcome by their last receive (recorded "
                        + "UNKNOWN_FAILURE by the dead-letter function): look for dispatcher timeouts, crashes or throttled writes",
                messaging.deadLetterQueue.metricNumberOfMessagesReceived(stat("Sum", PERIOD)), 1, 1));
        alarms.add(alarm("PoisonQueueNotEmpty", "Messages on the delivery queue that are not deliveries: inspect the poison queue",
                messaging.poisonQueue.metricApproximateNumberOfMessagesVisible(stat("Maximum", Duration.minutes(1))),
                1, 1));
        alarms.add(alarm("DeadLetterFunctionErrors", "The dead-letter function failed whole batches: dead-lettered "
                        + "deliveries are waiting for their outcome",
                functions.deadLetters.metricErrors(stat("Sum", PERIOD)), 1, 1));
        // A delivery whose outcome it cannot write (a partial batch failure, which Errors does not count) comes back
        // every six minutes; one still there after half an hour needs a person.
        alarms.add(alarm("DeadLettersWaiting", "Dead-lettered deliveries have waited 30 minutes for their outcome: "
                        + "the dead-letter function cannot write them (see its logs)",
                messaging.deadLetterQueue.metricApproximateAgeOfOldestMessage(stat("Maximum", Duration.minutes(1))),
                DEAD_LETTERS_WAITING_SECONDS, 3));
        alarms.add(alarm("EventSpillDeadLetterQueueNotEmpty",
                "Spilled events could not be written after every replay: their destination is gone or refuses them",
                messaging.eventSpillDeadLetterQueue.metricApproximateNumberOfMessagesVisible(stat("Maximum", Duration.minutes(1))),
                1, 1));
        alarms.add(alarm("CampaignDeadLetterQueueNotEmpty",
                "Campaign work items failed every attempt: part of a campaign run was not sent; inspect the queue",
                messaging.campaignDeadLetterQueue.metricApproximateNumberOfMessagesVisible(stat("Maximum", Duration.minutes(1))),
                1, 1));
        alarms.add(alarm("CampaignTickErrors", "The campaign tick failed: due campaign runs may not start",
                functions.campaignTick.metricErrors(stat("Sum", PERIOD)), 1, 3));
        alarms.add(alarm("DispatcherErrors", "The dispatcher failed whole batches",
                functions.dispatcher.metricErrors(stat("Sum", PERIOD)), 1, 1));
        alarms.add(alarm("PermanentFailureRate", "More than " + settings.permanentFailureRatePercent()
                        + "% of deliveries failed permanently (bad tokens, rejected credentials)",
                permanentFailureRate(), settings.permanentFailureRatePercent(), 3));
        alarms.add(alarm("DeliveryQueueAge", "Deliveries wait longer than " + settings.queueAgeAlarmSeconds()
                        + " s in the queue: the dispatcher is not keeping up",
                messaging.deliveryQueue.metricApproximateAgeOfOldestMessage(stat("Maximum", Duration.minutes(1))),
                settings.queueAgeAlarmSeconds(), 3));
        alarms.add(alarm("ApiServerErrors", "The API answered with 5xx errors",
                api.api.metricServerError(stat("Sum", PERIOD)), 5, 2));

        alarmTopic = settings.alarmEmail().map(email -> {
            // CloudWatch must be able to use the key to publish to an encrypted topic.
            key.grant(new software.amazon.awscdk.services.iam.ServicePrincipal("cloudwatch.amazonaws.com"),
                    "kms:Decrypt", "kms:GenerateDataKey");
            Topic topic = Topic.Builder.create(this, "AlarmTopic")
                    .topicName(settings.prefix() + "-alarms")
                    .masterKey(key)
                    .enforceSsl(true)
                    .build();
            topic.addSubscription(new EmailSubscription(email));
            alarms.forEach(alarm -> alarm.addAlarmAction(new SnsAction(topic)));
            return topic;
        });

        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(settings.prefix())
                .defaultInterval(Duration.hours(3))
                .build();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("# Pinpush " + settings.stage() + "\nDeliveries by outcome and channel, provider latency, "
                        + "the delivery and event spill queues, and the health of each function.")
                .width(24).height(2).build());
        dashboard.addWidgets(
                graph("Deliveries by status", List.of(search("{" + NAMESPACE + "," + STATUS + "} MetricName=\"" + DELIVERIES + "\"", "Sum", byDimensions("", STATUS)))),
                graph("Deliveries by channel and status", List.of(search("{" + NAMESPACE + "," + CHANNEL + "," + STATUS + "} MetricName=\"" + DELIVERIES + "\"", "Sum", byDimensions("", CHANNEL, STATUS)))),
                graph("Permanent-failure rate (%)", List.of(permanentFailureRate())));
        dashboard.addWidgets(
                graph("Provider latency p50 (ms)", List.of(search("{" + NAMESPACE + "," + CHANNEL + "} MetricName=\"" + PROVIDER_LATENCY + "\"", "p50", byDimensions("", CHANNEL)))),
                graph("Provider latency p99 (ms)", List.of(search("{" + NAMESPACE + "," + CHANNEL + "} MetricName=\"" + PROVIDER_LATENCY + "\"", "p99", byDimensions("", CHANNEL)))),
                graph("Retries and dead-lettered", List.of(
                        search("{" + NAMESPACE + "," + CHANNEL + "} MetricName=\"" + RETRIES + "\"", "Sum", byDimensions("Retries", CHANNEL)),
                        search("{" + NAMESPACE + "," + CHANNEL + "} MetricName=\"" + DEAD_LETTERED + "\"", "Sum", byDimensions("Dead-lettered", CHANNEL)))));
        dashboard.addWidgets(
                graph("Delivery queue depth", List.of(
                        messaging.deliveryQueue.metricApproximateNumberOfMessagesVisible(stat("Maximum", Duration.minutes(1))),
                        messaging.deliveryQueue.metricApproximateNumberOfMessagesNotVisible(stat("Maximum", Duration.minutes(1))))),
                graph("Oldest queued delivery (s)", List.of(
                        messaging.deliveryQueue.metricApproximateAgeOfOldestMessage(stat("Maximum", Duration.minutes(1))))),
                graph("Dead-lettered deliveries and poison messages", List.of(
                        messaging.deadLetterQueue.metricNumberOfMessagesReceived(stat("Sum", Duration.minutes(1))),
                        messaging.poisonQueue.metricApproximateNumberOfMessagesVisible(stat("Maximum", Duration.minutes(1))))));
        dashboard.addWidgets(
                graph("Event spill queue depth", List.of(
                        messaging.eventSpillQueue.metricApproximateNumberOfMessagesVisible(stat("Maximum", Duration.minutes(1))),
                        messaging.eventSpillQueue.metricApproximateNumberOfMessagesNotVisible(stat("Maximum", Duration.minutes(1))))),
                graph("Oldest spilled event batch (s)", List.of(
                        messaging.eventSpillQueue.metricApproximateAgeOfOldestMessage(stat("Maximum", Duration.minutes(1))))),
                graph("Event spill dead-letter queue depth", List.of(
                        messaging.eventSpillDeadLetterQueue.metricApproximateNumberOfMessagesVisible(stat("Maximum", Duration.minutes(1))))));
        List<IMetric> errors = new ArrayList<>();
        List<IMetric> throttles = new ArrayList<>();
        List<IMetric> durations = new ArrayList<>();
        for (Function function : functions.all()) {
            errors.add(function.metricErrors(stat("Sum", PERIOD)));
            throttles.add(function.metricThrottles(stat("Sum", PERIOD)));
            durations.add(function.metricDuration(stat("p99", PERIOD)));
        }
        dashboard.addWidgets(graph("Function errors", errors), graph("Function throttles", throttles),
                graph("Function duration p99 (ms)", durations));
        dashboard.addWidgets(
                graph("API requests", List.of(api.api.metricCount(stat("Sum", PERIOD)))),
                graph("API 4xx and 5xx", List.of(api.api.metricClientError(stat("Sum", PERIOD)),
                        api.api.metricServerError(stat("Sum", PERIOD)))),
                graph("API latency p99 (ms)", List.of(api.api.metricLatency(stat("p99", PERIOD)))));
    }

    /** The CloudWatch console link for the dashboard. */
    String dashboardUrl() {
        return "https://console.aws.amazon.com/cloudwatch/home?region=" + Aws.REGION + "#dashboards:name="
                + dashboard.getDashboardName();
    }

    /**
     * 100 × PERMANENT_FAILURE ÷ all outcomes, from the {@code [Status]} dimension set; periods with no
     * deliveries count as 0 %, not as missing data.
     */
    static MathExpression permanentFailureRate() {
        Map<String, IMetric> outcomes = new LinkedHashMap<>();
        List<String> filled = new ArrayList<>();
        String permanent = null;
        int i = 0;
        for (DeliveryStatus status : DeliveryStatus.values()) {
            if (status == DeliveryStatus.QUEUED) {
                continue; // not an outcome: the delivery is still in flight
            }
            String id = "s" + i++;
            outcomes.put(id, Metric.Builder.create().namespace(NAMESPACE).metricName(DELIVERIES)
                    .dimensionsMap(Map.of(STATUS, status.name())).statistic("Sum").period(PERIOD).build());
            filled.add("FILL(" + id + ", 0)");
            if (status == DeliveryStatus.PERMANENT_FAILURE) {
                permanent = "FILL(" + id + ", 0)";
            }
        }
        String total = "(" + String.join(" + ", filled) + ")";
        return MathExpression.Builder.create()
                .expression("IF(" + total + " > 0, 100 * " + permanent + " / " + total + ", 0)")
                .usingMetrics(outcomes)
                .label("Permanent failures (%)")
                .period(PERIOD)
                .build();
    }

    private Alarm alarm(String id, String description, IMetric metric, double threshold, int periods) {
        return Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(periods)
                .datapointsToAlarm(periods)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    /** A label naming each series of a SEARCH by its dimension values (a CloudWatch dynamic label). */
    private static String byDimensions(String prefix, String... dimensions) {
        StringBuilder label = new StringBuilder(prefix);
        for (String dimension : dimensions) {
            label.append(label.length() == 0 ? "" : " ").append("${PROP('Dim.").append(dimension).append("')}");
        }
        return label.toString();
    }

    /** Every series a SEARCH finds, each labelled by {@code label}. */
    private static MathExpression search(String query, String statistic, String label) {
        return MathExpression.Builder.create()
                .expression("SEARCH('" + query + "', '" + statistic + "', " + PERIOD.toSeconds() + ")")
                .label(label)
                .usingMetrics(Map.of())
                .period(PERIOD)
                .build();
    }

    private static MetricOptions stat(String statistic, Duration period) {
        return MetricOptions.builder().statistic(statistic).period(period).build();
    }

    private static IWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(8).height(6).build();
    }
}
