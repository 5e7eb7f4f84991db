package io.pinpush.triggers;

import io.pinpush.events.EventTypes;
import io.pinpush.events.PinpointEvent;
import io.pinpush.segments.AttributeDimension;
import io.pinpush.segments.MetricDimension;
import java.util.List;
import java.util.Map;

/**
 * Whether one streamed event matches a campaign's event filter. Pure and cheap: it looks only at the event, so
 * the trigger path costs per event and active campaign, never per endpoint of the app.
 */
public final class EventFilterMatcher {

    private EventFilterMatcher() {
    }

    public static boolean matches(CampaignEventFilter filter, PinpointEvent event) {
        if (event.eventType() == null || !filterType(event.eventType()).equals(filter.filterType())) {
            return false;
        }
        EventDimensions dimensions = filter.dimensions();
        if (dimensions.eventType() != null && !dimensions.eventType().test(event.eventType())) {
            return false;
        }
        for (Map.Entry<String, AttributeDimension> criterion : dimensions.attributes().entrySet()) {
            String actual = event.attributes().get(criterion.getKey());
            if (!criterion.getValue().test(actual == null ? List.of() : List.of(actual))) {
                return false;
            }
        }
        for (Map.Entry<String, MetricDimension> criterion : dimensions.metrics().entrySet()) {
            if (!criterion.getValue().test(event.metrics().get(criterion.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Pinpush's own events are the system events; everything else came from an app through PutEvents. */
    static CampaignEventFilter.FilterType filterType(String eventType) {
        return EventTypes.isReserved(eventType) ? CampaignEventFilter.FilterType.SYSTEM
                : CampaignEventFilter.FilterType.ENDPOINT;
    }
}
