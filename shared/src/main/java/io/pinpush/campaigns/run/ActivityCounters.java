package io.pinpush.campaigns.run;

import io.pinpush.messaging.CampaignAttribution;
import io.pinpush.messaging.DeliveryListener;
import io.pinpush.messaging.DeliveryOutcome;
import io.pinpush.messaging.DeliveryStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts each campaign activity's successful deliveries (SuccessfulEndpointCount) as their outcomes are recorded.
 * Outcomes are counted in memory and written once per activity at the end of the invocation ({@link #flush}), as
 * the KPI counters are: one UpdateItem per activity per dispatcher batch rather than one per delivery on a single
 * hot item. An outcome is heard once (after its conditional record), so it is counted once.
 */
public final class ActivityCounters implements DeliveryListener {

    private static final Logger LOG = LoggerFactory.getLogger(ActivityCounters.class);

    private record Key(String appId, String campaignId, String activityId) {
    }

    /** Held while a flush writes (see {@link #flush}); counting takes no lock. */
    private final Object writing = new Object();
    private final ActivityLog activities;
    /** merge and remove are atomic per key, so no count falls between an increment and a flush. */
    private final Map<Key, Long> successful = new ConcurrentHashMap<>();

    public ActivityCounters(ActivityLog activities) {
        this.activities = activities;
    }

    @Override
    public void onOutcome(DeliveryOutcome outcome) {
        CampaignAttribution campaign = outcome.campaign();
        if (campaign == null || campaign.activityId() == null
                || outcome.result().deliveryStatus() != DeliveryStatus.SUCCESSFUL) {
            return;
        }
        successful.merge(new Key(outcome.appId(), campaign.campaignId(), campaign.activityId()), 1L, Long::sum);
    }

    /** Writes what was counted since the last flush.
     * One flush writes at a time: a flush that returns has written what it took and what a flush running alongside
     * took (the dispatcher also flushes from a settle thread when a late answer is recorded, and Lambda may freeze the
     * process once an invocation returns).
     */
    public void flush() {
        synchronized (writing) {
            Map<Key, Long> notAdded = new HashMap<>();
            for (Key key : successful.keySet()) {
                Long n = successful.remove(key);
                if (n == null || n <= 0) {
                    continue;
                }
                try {
                    activities.add(key.appId(), key.campaignId(), key.activityId(), 0, n, 0);
                } catch (RuntimeException e) {
                    // The outcomes are recorded and their messages gone: these counts exist nowhere else.
                    LOG.warn("Could not add {} successful deliveries to activity {} of campaign {}; adding them with "
                            + "the next flush", n, key.activityId(), key.campaignId(), e);
                    notAdded.put(key, n);
                }
            }
            // Put back after the loop: put back during it, a key could be met again, and fail again, without end.
            notAdded.forEach((key, n) -> successful.merge(key, n, Long::sum));
        }
    }
}
