package io.pinpush.triggers;

import io.pinpush.api.Json;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.events.EventTypes;
import io.pinpush.events.PinpointEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trigger path: reads a batch of streamed events, matches each against its app's active event-triggered
 * campaigns, and for each match that passes the schedule window, the segment, quiet time and the Limits, claims
 * the send ({@link TriggerLimits}) and hands it to {@link TriggeredSends}.
 *
 * <p>The cost is one {@link EventCampaigns} call per app per batch (cached) and one filter test per event and
 * campaign: it never depends on how many endpoints an app has. DynamoDB is written only for matches.
 */
public final class TriggerEvaluator {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerEvaluator.class);

    /** Why a matching event sent nothing. */
    public enum Skip { OUTSIDE_WINDOW, NOT_IN_SEGMENT, ENDPOINT_UNAVAILABLE, QUIET_TIME, LIMITED, DUPLICATE, OWN_EVENT }

    /** One stream record: an id to report it by (the Kinesis sequence number) and its data (a Pinpoint event). */
    public record Input(String id, String data) {
    }

    /**
     * What a batch did. {@code failedIds}: records whose send could not be claimed or handed over; they are to be
     * retried (their claims were undone). Records that are not Pinpoint events are skipped, never retried.
     */
    public record Report(int events, int sent, Map<Skip, Integer> skipped, int unreadable, List<String> failedIds) {

        public Report {
            skipped = Map.copyOf(skipped);
            failedIds = List.copyOf(failedIds);
        }

        public int skipped(Skip reason) {
            return skipped.getOrDefault(reason, 0);
        }
    }

    private final EventCampaigns campaigns;
    private final TriggeredSends sends;
    private final TriggerLimits limits;
    private final TriggerEndpoints endpoints;
    private final Clock clock;

    public TriggerEvaluator(EventCampaigns campaigns, TriggeredSends sends, TriggerLimits limits,
                            TriggerEndpoints endpoints, Clock clock) {
        this.campaigns = campaigns;
        this.sends = sends;
        this.limits = limits;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    private record Parsed(Input input, PinpointEvent event) {

        String appId() {
            return event.application() == null ? null : event.application().appId();
        }

        String endpointId() {
            return event.client() == null ? null : event.client().clientId();
        }

        String sessionId() {
            return event.session() == null ? null : event.session().sessionId();
        }
    }

    public Report evaluate(List<Input> batch) {
        Tally tally = new Tally();
        Map<String, List<Parsed>> byApp = new LinkedHashMap<>();
        for (Input input : batch) {
            parse(input).filter(p -> p.appId() != null && p.endpointId() != null).ifPresentOrElse(
                    parsed -> byApp.computeIfAbsent(parsed.appId(), app -> new ArrayList<>()).add(parsed),
                    () -> tally.unreadable++);
        }
        Instant now = clock.instant();
        byApp.forEach((appId, events) -> {
            List<EventTrigger> active = campaigns.activeFor(appId, now);
            for (Parsed parsed : events) {
                tally.events++;
                for (EventTrigger trigger : active) {
                    if (EventFilterMatcher.matches(trigger.filter(), parsed.event())) {
                        consider(trigger, parsed, now, tally);
                    }
                }
            }
        });
        return new Report(tally.events, tally.sent, tally.skipped, tally.unreadable,
                tally.failed.stream().distinct().toList());
    }

    private void consider(EventTrigger trigger, Parsed parsed, Instant now, Tally tally) {
        PinpointEvent event = parsed.event();
        if (isOwnSendEvent(trigger, event)) {
            tally.skip(Skip.OWN_EVENT);
            return;
        }
        if (!trigger.inWindow(Instant.ofEpochMilli(event.arrivalTimestamp()))) {
            tally.skip(Skip.OUTSIDE_WINDOW);
            return;
        }
        Optional<EndpointResponse> endpoint = endpointOf(parsed);
        if (endpoint.isEmpty() || !endpoint.get().isActive() || endpoint.get().isOptedOut()) {
            tally.skip(Skip.ENDPOINT_UNAVAILABLE);
            return;
        }
        if (!trigger.audience().test(endpoint.get())) {
            tally.skip(Skip.NOT_IN_SEGMENT);
            return;
        }
        if (QuietHours.isQuiet(trigger.quietTime(), endpoint.get(), now)) {
            tally.skip(Skip.QUIET_TIME);
            return;
        }
        TriggerLimits.Send send = new TriggerLimits.Send(parsed.appId(), trigger, parsed.endpointId(),
                parsed.sessionId(), eventKey(parsed.input().data()));
        try {
            switch (limits.claim(send)) {
                case DUPLICATE -> tally.skip(Skip.DUPLICATE);
                case LIMITED -> tally.skip(Skip.LIMITED);
                case GRANTED -> {
                    handOver(send);
                    tally.sent++;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Triggered send of campaign {} to endpoint {} failed; the record will be retried: {}",
                    trigger.campaignId(), parsed.endpointId(), e.toString());
            tally.failed.add(parsed.input().id());
        }
    }

    private void handOver(TriggerLimits.Send send) {
        try {
            sends.send(send.trigger(), send.appId(), send.endpointId(), send.sessionId(), send.eventKey());
        } catch (RuntimeException notSent) {
            limits.release(send);
            throw notSent;
        }
    }

    /** A campaign whose filter matches {@code _campaign.send} must not trigger itself from its own sends. */
    private static boolean isOwnSendEvent(EventTrigger trigger, PinpointEvent event) {
        return EventTypes.CAMPAIGN_SEND.equals(event.eventType())
                && trigger.campaignId().equals(event.attributes().get("campaign_id"));
    }

    private Optional<EndpointResponse> endpointOf(Parsed parsed) {
        PinpointEvent.ClientContext context = parsed.event().clientContext();
        String json = context == null || context.custom() == null ? null : context.custom().endpoint();
        if (json != null && !json.isBlank()) {
            try {
                return Optional.of(Json.read(json, EndpointResponse.class));
            } catch (RuntimeException unreadable) {
                // Fall back to the stored endpoint.
            }
        }
        return endpoints.find(parsed.appId(), parsed.endpointId());
    }

    private static Optional<Parsed> parse(Input input) {
        try {
            return Optional.of(new Parsed(input, Json.read(input.data(), PinpointEvent.class)));
        } catch (RuntimeException notAnEvent) {
            LOG.warn("Stream record {} is not a Pinpoint event; skipped: {}", input.id(), notAnEvent.toString());
            return Optional.empty();
        }
    }

    /** The record's identity across redeliveries: its content, which Kinesis hands over unchanged. */
    static String eventKey(String data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Tally {
        int events;
        int sent;
        int unreadable;
        final Map<Skip, Integer> skipped = new EnumMap<>(Skip.class);
        final List<String> failed = new ArrayList<>();

        void skip(Skip reason) {
            skipped.merge(reason, 1, Integer::sum);
        }
    }
}
