package io.pinpush.triggers;

import io.pinpush.api.ApiError;

/**
 * Pinpoint's CampaignEventFilter: the events that send an event-triggered campaign (Schedule.Frequency EVENT).
 * Both members are required by the model, and checked here so a campaign that could never match is refused.
 */
public record CampaignEventFilter(EventDimensions dimensions, FilterType filterType) {

    /**
     * SYSTEM: events Pinpush itself produces ({@code _campaign.send}, {@code _push.send}, {@code _endpoint.*});
     * ENDPOINT: events an app reports through PutEvents (custom events and the SDK's {@code _session.*},
     * {@code _monetization.*}).
     */
    public enum FilterType { SYSTEM, ENDPOINT }

    public CampaignEventFilter {
        if (dimensions == null) {
            throw ApiError.badRequest("EventFilter.Dimensions is required");
        }
        if (filterType == null) {
            throw ApiError.badRequest("EventFilter.FilterType is required (SYSTEM or ENDPOINT)");
        }
    }
}
