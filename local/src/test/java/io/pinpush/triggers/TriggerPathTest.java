package io.pinpush.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.apps.CampaignLimits;
import io.pinpush.functions.TriggerHandler;
import io.pinpush.local.LocalServer;
import io.pinpush.local.LocalTriggers;
import io.pinpush.segments.SetDimension;
import io.pinpush.testing.PinpushExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.Event;
import software.amazon.awssdk.services.pinpoint.model.EventsBatch;

/**
 * The trigger path on the local server: PutEvents through the AWS SDK, the events file, the local event source,
 * the real trigger function and evaluator, claims in DynamoDB Local. The campaign side is a test implementation
 * of the two seams (that code is not written yet), recording what would be sent.
 */
@ExtendWith(PinpushExtension.class)
class TriggerPathTest {

    record Sent(String campaignId, String endpointId, String sessionId) {
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final TriggeredSends recording = (trigger, appId, endpointId, sessionId, eventKey) ->
            sent.add(new Sent(trigger.campaignId(), endpointId, sessionId));

    static CampaignEventFilter cartAbandoned() {
        return new CampaignEventFilter(new EventDimensions(null,
                new SetDimension(SetDimension.DimensionType.INCLUSIVE, List.of("cart.abandoned")), null),
                CampaignEventFilter.FilterType.ENDPOINT);
    }

    static EventTrigger trigger(String id, Instant start, Instant end, CampaignLimits limits) {
        // The segment: endpoints whose "tier" attribute is gold.
        return new EventTrigger(id, 1, cartAbandoned(), start, end, null, limits,
                endpoint -> endpoint.attributes() != null && List.of("gold").equals(endpoint.attributes().get("tier")));
    }

    TriggerEvaluator evaluator(LocalServer server, TriggeredSends sends, EventTrigger... triggers) {
        Clock clock = Clock.systemUTC();
        return new TriggerEvaluator((appId, at) -> List.of(triggers), sends,
                new TriggerLimits(server.pinpush().aws().dynamoDb(), server.pinpush().config(), clock),
                (appId, endpointId) -> Optional.empty(), clock);
    }

    static void putEvent(PinpointClient pinpoint, String appId, String endpointId, String tier, String type,
                         String sessionId) {
        Event.Builder event = Event.builder().eventType(type).timestamp(Instant.now().toString());
        if (sessionId != null) {
            event.session(s -> s.id(sessionId).startTimestamp(Instant.now().toString()));
        }
        pinpoint.putEvents(b -> b.applicationId(appId).eventsRequest(r -> r.batchItem(Map.of(endpointId,
                EventsBatch.builder().endpoint(e -> e.address("token-" + endpointId).channelType("GCM")
                                .attributes(Map.of("tier", List.of(tier))))
                        .events(Map.of(UUID.randomUUID().toString(), event.build())).build()))));
    }

    @Test
    void aCartAbandonedEventSendsOncePerMatchingEndpointAndNothingToOthersOrOutsideTheWindow(
            LocalServer server, PinpointClient pinpoint) {
        String appId = pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("triggers"))).applicationResponse().id();
        Instant now = Instant.now();
        TriggerEvaluator evaluator = evaluator(server, recording,
                trigger("running", now.minus(Duration.ofHours(1)), null, null),
                trigger("not-yet", now.plus(Duration.ofHours(1)), null, null),
                trigger("over", now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)), null));
        LocalTriggers triggers = LocalTriggers.start(server.pinpush().config(), server.pinpush().aws(),
                new TriggerHandler(evaluator, () -> { })).orElseThrow();
        try {
            putEvent(pinpoint, appId, "gold-1", "gold", "cart.abandoned", "s1");
            putEvent(pinpoint, appId, "gold-2", "gold", "cart.abandoned", "s2");
            putEvent(pinpoint, appId, "silver-1", "silver", "cart.abandoned", "s3");
            putEvent(pinpoint, appId, "gold-3", "gold", "cart.checkout", "s4");
            putEvent(pinpoint, appId, "gold-4", "gold", "_session.start", "s5");
            // A marker whose send tells us every earlier event has been evaluated (one file, read in order).
            putEvent(pinpoint, appId, "gold-last", "gold", "cart.abandoned", "s6");

            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> sent.stream().anyMatch(s -> s.endpointId().equals("gold-last")));
            assertThat(sent).extracting(Sent::campaignId, Sent::endpointId, Sent::sessionId).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("running", "gold-1", "s1"),
                    org.assertj.core.groups.Tuple.tuple("running", "gold-2", "s2"),
                    org.assertj.core.groups.Tuple.tuple("running", "gold-last", "s6"));
        } finally {
            triggers.close();
        }
    }

    @Test
    void theSessionLimitHoldsAndARedeliveredRecordSendsNothing(LocalServer server) {
        String appId = "app-" + UUID.randomUUID();
        TriggerEvaluator evaluator = evaluator(server, recording,
                trigger("once-per-session", Instant.now().minus(Duration.ofHours(1)), null,
                        new CampaignLimits(null, null, null, null, 1)));

        TriggerEvaluator.Input firstRecord = input(appId, "gold-1", "s1", 1);
        TriggerEvaluator.Report first = evaluator.evaluate(List.of(
                firstRecord, input(appId, "gold-1", "s1", 2), input(appId, "gold-1", "s1", 3)));
        TriggerEvaluator.Report second = evaluator.evaluate(List.of(input(appId, "gold-1", "s2", 4), firstRecord));

        assertThat(first.sent()).isEqualTo(1);
        assertThat(first.skipped(TriggerEvaluator.Skip.LIMITED)).isEqualTo(2);
        assertThat(second.sent()).as("a new session").isEqualTo(1);
        assertThat(second.skipped(TriggerEvaluator.Skip.DUPLICATE)).as("the first record again").isEqualTo(1);
        assertThat(sent).extracting(Sent::sessionId).containsExactly("s1", "s2");
    }

    @Test
    void dailyAndTotalLimitsHoldPerEndpoint(LocalServer server) {
        String appId = "app-" + UUID.randomUUID();
        TriggerEvaluator evaluator = evaluator(server, recording,
                trigger("limited", Instant.now().minus(Duration.ofHours(1)), null,
                        new CampaignLimits(2, null, null, 3, null)));

        TriggerEvaluator.Report report = evaluator.evaluate(List.of(input(appId, "gold-1", "a", 1),
                input(appId, "gold-1", "b", 2), input(appId, "gold-1", "c", 3), input(appId, "gold-2", "d", 4)));

        assertThat(report.sent()).as("two for gold-1 (Daily 2), one for gold-2").isEqualTo(3);
        assertThat(sent).extracting(Sent::endpointId).containsExactly("gold-1", "gold-1", "gold-2");
    }

    @Test
    void aFailedSendUndoesItsClaimSoTheRetriedRecordSendsOnce(LocalServer server) {
        String appId = "app-" + UUID.randomUUID();
        AtomicBoolean down = new AtomicBoolean(true);
        TriggeredSends flaky = (trigger, app, endpointId, sessionId, eventKey) -> {
            if (down.get()) {
                throw new IllegalStateException("queue unavailable");
            }
            recording.send(trigger, app, endpointId, sessionId, eventKey);
        };
        TriggerEvaluator evaluator = evaluator(server, flaky, trigger("flaky", Instant.now().minus(Duration.ofHours(1)),
                null, new CampaignLimits(null, null, null, 1, 1)));
        TriggerEvaluator.Input record = input(appId, "gold-1", "s1", 1);

        TriggerEvaluator.Report failed = evaluator.evaluate(List.of(record));
        down.set(false);
        TriggerEvaluator.Report retried = evaluator.evaluate(List.of(record));
        TriggerEvaluator.Report again = evaluator.evaluate(List.of(record));

        assertThat(failed.failedIds()).containsExactly(record.id());
        assertThat(retried.sent()).isEqualTo(1);
        assertThat(again.sent()).isZero();
        assertThat(sent).hasSize(1);
    }

    /** A PutEvents record as the stream carries it, with the endpoint in the envelope. */
    static TriggerEvaluator.Input input(String appId, String endpointId, String sessionId, long timestamp) {
        String endpoint = io.pinpush.api.Json.write(Map.of("Id", endpointId, "Address", "token-" + endpointId,
                "ChannelType", "GCM", "EndpointStatus", "ACTIVE", "OptOut", "NONE",
                "Attributes", Map.of("tier", List.of("gold"))));
        String data = io.pinpush.api.Json.write(new io.pinpush.events.PinpointEvent("cart.abandoned", timestamp,
                Instant.now().toEpochMilli() + timestamp, "3.0", io.pinpush.events.PinpointEvent.Application.of(appId),
                new io.pinpush.events.PinpointEvent.Client(endpointId), io.pinpush.events.PinpointEvent.Device.UNKNOWN,
                new io.pinpush.events.PinpointEvent.Session(sessionId, timestamp, null, null), Map.of(), Map.of(),
                io.pinpush.events.PinpointEvent.ClientContext.ofEndpoint(endpoint), "000000000000"));
        return new TriggerEvaluator.Input("seq-" + timestamp, data);
    }
}
