package io.pinpush.metrics;

import io.pinpush.messaging.DeliveryListener;
import io.pinpush.messaging.DeliveryOutcome;
import io.pinpush.messaging.DeliveryStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.cloudwatchlogs.emf.config.Configuration;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

/**
 * Counts delivery outcomes as they are recorded and writes them as CloudWatch metrics ({@link MetricNames}) when
 * {@link #flush()}ed at the end of an invocation: one EMF record per (app, channel, status) and per channel, rather
 * than one per delivery, since a dispatcher batch settles many deliveries with the same dimensions.
 *
 * <p>Retries and give-ups are read off the final outcome (the dispatcher has no retry hook): a delivery settled on
 * attempt n was retried n - 1 times, and one that ends THROTTLED or TEMPORARY_FAILURE after a provider call was given
 * up. So they are counted when the delivery settles, not when each retry is scheduled. ProviderLatency is not emitted:
 * the outcome does not carry the provider's response time.
 */
public final class DeliveryMetrics implements DeliveryListener {

    /** Channel dimension of an outcome with no channel (an endpoint id that does not exist). */
    static final String NO_CHANNEL = "NONE";
    private static final Set<DeliveryStatus> GIVEN_UP = Set.of(DeliveryStatus.THROTTLED, DeliveryStatus.TEMPORARY_FAILURE);

    private record DeliveryKey(String appId, String channel, DeliveryStatus status) {
    }

    private record ChannelCounts(long retries, long deadLettered) {
        ChannelCounts plus(ChannelCounts other) {
            return new ChannelCounts(retries + other.retries, deadLettered + other.deadLettered);
        }
    }

    private final Metrics metrics;
    private final Map<DeliveryKey, Long> deliveries = new HashMap<>();
    private final Map<String, ChannelCounts> byChannel = new HashMap<>();

    public DeliveryMetrics(Metrics metrics) {
        this.metrics = metrics;
        metrics.setNamespace(MetricNames.NAMESPACE);
        metrics.clearDefaultDimensions();
    }

    /**
     * EMF JSON lines on standard output, where Lambda's log agent picks them up. Outside Lambda the EMF library
     * would otherwise probe EC2 metadata and then write to a CloudWatch agent socket; the local server has neither.
     */
    public static DeliveryMetrics toStandardOutput() {
        Configuration emf = EnvironmentConfigurationProvider.getConfig();
        if (emf.getEnvironmentOverride() == null || emf.getEnvironmentOverride() == Environments.Unknown) {
            emf.setEnvironmentOverride(System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null
                    ? Environments.Lambda : Environments.Local);
        }
        return new DeliveryMetrics(new EmfMetricsProvider().getMetricsInstance());
    }

    @Override
    public synchronized void onOutcome(DeliveryOutcome outcome) {
        String channel = outcome.target().channelType() == null ? NO_CHANNEL : outcome.target().channelType().name();
        deliveries.merge(new DeliveryKey(outcome.appId(), channel, outcome.result().deliveryStatus()), 1L, Long::sum);
        long retries = Math.max(0, outcome.attempts() - 1);
        long givenUp = outcome.attempts() > 0 && GIVEN_UP.contains(outcome.result().deliveryStatus()) ? 1 : 0;
        if (retries + givenUp > 0) {
            byChannel.merge(channel, new ChannelCounts(retries, givenUp), ChannelCounts::plus);
        }
    }

    /** Writes what was counted since the last flush; call it at the end of every invocation. */
    public synchronized void flush() {
        deliveries.forEach((key, count) -> metrics.flushMetrics(m -> {
            m.clearDefaultDimensions();
            m.addDimension(DimensionSet.of(MetricNames.STATUS, key.status().name()));
            m.addDimension(DimensionSet.of(MetricNames.CHANNEL, key.channel(), MetricNames.STATUS, key.status().name()));
            m.addDimension(DimensionSet.of(MetricNames.APPLICATION_ID, key.appId(), MetricNames.CHANNEL, key.channel(),
                    MetricNames.STATUS, key.status().name()));
            m.addMetric(MetricNames.DELIVERIES, count, MetricUnit.COUNT);
        }));
        byChannel.forEach((channel, counts) -> metrics.flushMetrics(m -> {
            m.clearDefaultDimensions();
            m.addDimension(DimensionSet.of(MetricNames.CHANNEL, channel));
            if (counts.retries() > 0) {
                m.addMetric(MetricNames.RETRIES, counts.retries(), MetricUnit.COUNT);
            }
            if (counts.deadLettered() > 0) {
                m.addMetric(MetricNames.DEAD_LETTERED, counts.deadLettered(), MetricUnit.COUNT);
            }
        }));
        deliveries.clear();
        byChannel.clear();
    }
}
