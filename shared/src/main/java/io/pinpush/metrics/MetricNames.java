package io.pinpush.metrics;

import java.util.List;

/**
 * The CloudWatch metrics Pinpush emits (as Embedded Metric Format log lines, through Powertools) and that
 * the CDK stack's dashboard and alarms read. A metric emitted under another name or with other dimensions
 * silently drops off the dashboard, so emitters and the stack both use these constants.
 *
 * <p>Emit each metric with exactly the dimension sets listed, and without Powertools' default
 * {@code Service} dimension ({@code metrics.clearDefaultDimensions()}), in namespace {@link #NAMESPACE}.
 */
public final class MetricNames {

    public static final String NAMESPACE = "Pinpush";

    public static final String APPLICATION_ID = "ApplicationId";
    public static final String CHANNEL = "Channel";
    public static final String STATUS = "Status";

    /**
     * Count, one per delivery outcome (Status is a {@code DeliveryStatus} name, Channel a {@code ChannelType}
     * name). Dimension sets: {@link #DELIVERY_DIMENSION_SETS}.
     */
    public static final String DELIVERIES = "Deliveries";

    /** Milliseconds from handing a notification to the provider (APNs, FCM, ...) to its answer. Dimensions: Channel. */
    public static final String PROVIDER_LATENCY = "ProviderLatency";

    /** Count of deliveries re-queued after a retryable failure. Dimensions: Channel. */
    public static final String RETRIES = "Retries";

    /** Count of deliveries given up after the last retry (also visible as the dead-letter queue's depth). Dimensions: Channel. */
    public static final String DEAD_LETTERED = "DeadLettered";

    /**
     * {@code [Status]} feeds the permanent-failure-rate alarm, {@code [Channel, Status]} the dashboard, and
     * {@code [ApplicationId, Channel, Status]} per-app drill-down (a dashboard SEARCH expression).
     */
    public static final List<List<String>> DELIVERY_DIMENSION_SETS = List.of(
            List.of(STATUS), List.of(CHANNEL, STATUS), List.of(APPLICATION_ID, CHANNEL, STATUS));

    private MetricNames() {
    }
}
