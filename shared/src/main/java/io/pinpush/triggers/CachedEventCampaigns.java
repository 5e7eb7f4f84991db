package io.pinpush.triggers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each app's active event campaigns for a few seconds, so a busy stream reads them once per app per interval
 * rather than once per batch. A campaign created, paused or changed takes effect within {@code ttl}.
 */
public final class CachedEventCampaigns implements EventCampaigns {

    private record Entry(List<EventTrigger> triggers, Instant fetched) {
    }

    private final EventCampaigns source;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> byApp = new ConcurrentHashMap<>();

    public CachedEventCampaigns(EventCampaigns source, Duration ttl, Clock clock) {
        this.source = source;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public List<EventTrigger> activeFor(String appId, Instant at) {
        Instant now = clock.instant();
        Entry cached = byApp.get(appId);
        if (cached != null && now.isBefore(cached.fetched().plus(ttl))) {
            return cached.triggers();
        }
        List<EventTrigger> fresh = List.copyOf(source.activeFor(appId, at));
        byApp.put(appId, new Entry(fresh, now));
        return fresh;
    }
}
