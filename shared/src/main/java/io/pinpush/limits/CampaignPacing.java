package io.pinpush.limits;

import io.pinpush.messaging.CampaignAttribution;
import io.pinpush.messaging.Delivery;
import io.pinpush.messaging.DeliveryGate;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.messaging.MessageResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The campaign Limits that act when a message leaves for its provider, applied by the dispatcher to deliveries that
 * carry a {@link CampaignAttribution}:
 * <ul>
 *   <li>MaximumDuration: a delivery still unsent after {@code sendBy} (the run's scheduled start plus
 *       MaximumDuration) ends {@link #EXPIRED} without a push.</li>
 *   <li>MessagesPerSecond: the batch's deliveries of one campaign take their sends from the campaign's per-second
 *       budget ({@link SendRateLimiter}, shared by every dispatcher); those over it are deferred to the second in
 *       which their place in the queue fits.</li>
 * </ul>
 * Direct sends, and campaign deliveries without these limits, are sent as they come.
 */
public final class CampaignPacing implements DeliveryGate {

    /** PERMANENT_FAILURE with HTTP 410 (Gone): the message's time to be sent is over; it is never retried. */
    public static final int EXPIRED_STATUS_CODE = 410;

    /** Grants that arrive in a later second than they were counted in are asked again, at most this often. */
    private static final int STALE_GRANT_RETRIES = 3;

    private final SendRateLimiter limiter;
    private final Clock clock;

    public CampaignPacing(SendRateLimiter limiter, Clock clock) {
        this.limiter = limiter;
        this.clock = clock;
    }

    private record CampaignKey(String appId, String campaignId) {
    }

    @Override
    public List<Decision> decide(List<Delivery> deliveries, Instant now) {
        List<Decision> decisions = new ArrayList<>(java.util.Collections.nCopies(deliveries.size(), SEND));
        Map<CampaignKey, List<Integer>> paced = new LinkedHashMap<>();
        Map<CampaignKey, Integer> limits = new LinkedHashMap<>();
        for (int i = 0; i < deliveries.size(); i++) {
            Delivery delivery = deliveries.get(i);
            CampaignAttribution campaign = delivery.campaign();
            if (campaign == null) {
                continue;
            }
            if (campaign.sendBy() != null && now.isAfter(Instant.parse(campaign.sendBy()))) {
                decisions.set(i, new Drop(expired(campaign.sendBy())));
            } else if (campaign.messagesPerSecond() != null && campaign.messagesPerSecond() > 0) {
                CampaignKey key = new CampaignKey(delivery.appId(), campaign.campaignId());
                paced.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
                limits.merge(key, campaign.messagesPerSecond(), Math::min);
            }
        }
        paced.forEach((key, indexes) -> {
            SendRateLimiter.Grant grant = acquire(key, limits.get(key), indexes.size());
            for (int n = grant.granted(); n < indexes.size(); n++) {
                decisions.set(indexes.get(n), new Defer(grant.retryAfter(n - grant.granted())));
            }
        });
        return decisions;
    }

    /**
     * Sends granted in second s must go out in second s: a grant whose answer came back in a later second (a slow
     * round trip) is worthless, since pushing now would add to the new second's sends uncounted. It is asked again
     * for the current second; the slots it took in the old one stay unused.
     */
    private SendRateLimiter.Grant acquire(CampaignKey key, int limit, int wanted) {
        SendRateLimiter.Grant grant = null;
        for (int attempt = 0; attempt <= STALE_GRANT_RETRIES; attempt++) {
            Instant asked = clock.instant();
            grant = limiter.acquire(key.appId(), key.campaignId(), limit, wanted, asked);
            if (clock.instant().getEpochSecond() == asked.getEpochSecond()) {
                return grant;
            }
        }
        return grant.none();
    }

    static MessageResult expired(String sendBy) {
        return MessageResult.of(DeliveryStatus.PERMANENT_FAILURE, EXPIRED_STATUS_CODE,
                "Not sent within the campaign's Limits.MaximumDuration (it had to leave by " + sendBy + ")");
    }
}
