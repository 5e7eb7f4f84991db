package io.pinpush.metrics;

import io.pinpush.channels.ChannelType;
import io.pinpush.config.Lazy;
import io.pinpush.messaging.DeadLetterSettler;
import io.pinpush.messaging.DeliveryListener;
import io.pinpush.messaging.DeliveryOutcome;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.providers.ProviderLatency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.cloudwatchlogs.emf.config.Configuration;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

/**
 * Counts delivery outcomes as they are recorded, and times provider answers as they come, and writes them as
 * CloudWatch metrics ({@link MetricNames}) when {@link #flush()}ed at the end of an invocation: one EMF record per
 * (app, channel, status) for {@code Deliveries} and one per (app, channel) for {@code ProviderLatency},
 * {@code Retries} and {@code DeadLettered}, rather than one per delivery, since a dispatcher batch settles many
 * deliveries with the same dimensions. Latencies keep every value (an EMF record holds up to 100 per metric; the
 * EMF library splits longer lists), so CloudWatch computes true percentiles.
 *
 * <p>Retries and give-ups are read off the final outcome (the dispatcher has no retry hook): a delivery settled on
 * attempt n was retried n - 1 times, and one that ends THROTTLED or TEMPORARY_FAILURE after a provider call was given
 * up. So they are counted when the delivery settles, not when each retry is scheduled. A delivery the dead-letter
 * settler records (no outcome by the queue's last receive) is counted as given up too.
 */
public final class DeliveryMetrics implements DeliveryListener, ProviderLatency {

    /** Channel dimension of an outcome with no channel (an endpoint id that does not exist). */
    static final String NO_CHANNEL = "NONE";
    private static final Set<DeliveryStatus> GIVEN_UP = Set.of(DeliveryStatus.THROTTLED, DeliveryStatus.TEMPORARY_FAILURE);

    private record DeliveryKey(String appId, String channel, DeliveryStatus status) {
    }

    private record ChannelKey(String appId, String channel) {
    }

    /** What one app's channel did in an invocation besides its outcome counts. */
    private static final class ChannelFigures {
        long retries;
        long deadLettered;
        final List<Double> latenciesMs = new ArrayList<>();
    }

    /** Made when the first figures are flushed: the EMF library costs a cold start that the API function rarely needs. */
    private final Supplier<Metrics> metrics;
    private final Map<DeliveryKey, Long> deliveries = new HashMap<>();
    private final Map<ChannelKey, ChannelFigures> byChannel = new HashMap<>();

    public DeliveryMetrics(Metrics metrics) {
        this(() -> metrics);
    }

    /** {@code metrics} is called once, on the first flush with figures or at {@link #warmUp()}. */
    DeliveryMetrics(Supplier<Metrics> metrics) {
        this.metrics = new Lazy<>(() -> {
            Metrics made = metrics.get();
            made.setNamespace(MetricNames.NAMESPACE);
            made.clearDefaultDimensions();
            return made;
        });
    }

    /**
     * EMF JSON lines on standard output, where Lambda's log agent picks them up. Outside Lambda the EMF library
     * would otherwise probe EC2 metadata and then write to a CloudWatch agent socket; the local server has neither.
     */
    public static DeliveryMetrics toStandardOutput() {
        return new DeliveryMetrics(() -> {
            Configuration emf = EnvironmentConfigurationProvider.getConfig();
            if (emf.getEnvironmentOverride() == null || emf.getEnvironmentOverride() == Environments.Unknown) {
                emf.setEnvironmentOverride(System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null
                        ? Environments.Lambda : Environments.Local);
            }
            return new EmfMetricsProvider().getMetricsInstance();
        });
    }

    /** Makes the EMF metrics writer now rather than at the first flush with figures (SnapStart priming). */
    public void warmUp() {
        metrics.get();
    }

    @Override
    public synchronized void onOutcome(DeliveryOutcome outcome) {
        String channel = outcome.target().channelType() == null ? NO_CHANNEL : outcome.target().channelType().name();
        deliveries.merge(new DeliveryKey(outcome.appId(), channel, outcome.result().deliveryStatus()), 1L, Long::sum);
        long retries = Math.max(0, outcome.attempts() - 1);
        // Given up: retried until attempts ran out, or recorded by the dead-letter settler after the queue gave up.
        long givenUp = outcome.attempts() > 0 && GIVEN_UP.contains(outcome.result().deliveryStatus())
                || DeadLetterSettler.NO_OUTCOME.equals(outcome.result()) ? 1 : 0;
        if (retries + givenUp > 0) {
            ChannelFigures figures = figures(outcome.appId(), channel);
            figures.retries += retries;
            figures.deadLettered += givenUp;
        }
    }

    @Override
    public synchronized void answered(String appId, ChannelType channel, Duration latency) {
        figures(appId, channel.name()).latenciesMs.add(latency.toNanos() / 1_000_000.0);
    }

    private ChannelFigures figures(String appId, String channel) {
        return byChannel.computeIfAbsent(new ChannelKey(appId, channel), k -> new ChannelFigures());
    }

    /** Writes what was counted since the last flush; call it at the end of every invocation. */
    public synchronized void flush() {
        if (deliveries.isEmpty() && byChannel.isEmpty()) {
            return; // nothing counted: leave the EMF library unloaded
        }
        Metrics metrics = this.metrics.get();
        deliveries.forEach((key, count) -> metrics.flushMetrics(m -> {
            m.clearDefaultDimensions();
            m.addDimension(DimensionSet.of(MetricNames.STATUS, key.status().name()));
            m.addDimension(DimensionSet.of(MetricNames.CHANNEL, key.channel(), MetricNames.STATUS, key.status().name()));
            m.addDimension(DimensionSet.of(MetricNames.APPLICATION_ID, key.appId(), MetricNames.CHANNEL, key.channel(),
                    MetricNames.STATUS, key.status().name()));
            m.addMetric(MetricNames.DELIVERIES, count, MetricUnit.COUNT);
        }));
        byChannel.forEach((key, figures) -> metrics.flushMetrics(m -> {
            m.clearDefaultDimensions();
            m.addDimension(DimensionSet.of(MetricNames.CHANNEL, key.channel()));
            m.addDimension(DimensionSet.of(MetricNames.APPLICATION_ID, key.appId(), MetricNames.CHANNEL, key.channel()));
            figures.latenciesMs.forEach(ms -> m.addMetric(MetricNames.PROVIDER_LATENCY, ms, MetricUnit.MILLISECONDS));
            if (figures.retries > 0) {
                m.addMetric(MetricNames.RETRIES, figures.retries, MetricUnit.COUNT);
            }
            if (figures.deadLettered > 0) {
                m.addMetric(MetricNames.DEAD_LETTERED, figures.deadLettered, MetricUnit.COUNT);
            }
        }));
        deliveries.clear();
        byChannel.clear();
    }
}
