package io.pinpush.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.api.ApiError;
import io.pinpush.channels.ChannelType;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.endpoints.EndpointUser;
import io.pinpush.providers.PushRenderer;
import io.pinpush.providers.RenderRequest;
import io.pinpush.providers.RenderResult;
import io.pinpush.providers.RenderedPush;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which recipients get a notification, which get an outcome without one, and which requests are refused outright. */
class SendPlannerTest {

    private static final String APP = "app1";
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final DirectMessageConfiguration MESSAGE = DirectMessageConfiguration.push(
            new APNSMessage(null, null, null, "Hello", null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null), null, null);

    private final Map<String, EndpointResponse> endpoints = new LinkedHashMap<>();
    private final Map<ChannelType, ChannelDirectory.Status> channels = new EnumMap<>(ChannelType.class);
    private final List<RenderRequest> rendered = new ArrayList<>();

    /** Renders {"alert": body}; refuses payloads over 40 bytes like a provider limit, and RawContent "oops". */
    private final PushRenderer renderer = request -> {
        rendered.add(request);
        if ("oops".equals(request.rawContent())) {
            return new RenderResult.Invalid("RawContent is not valid JSON");
        }
        String body = request.bodyOverride() != null ? request.bodyOverride() : "Hello";
        String payload = "{\"alert\":\"" + body + "\"}";
        if (payload.length() > 40) {
            return new RenderResult.TooLarge("The payload is " + payload.length() + " bytes; APNs accepts at most 40");
        }
        return new RenderResult.Rendered(new RenderedPush(request.channelType(), request.address(), payload, Map.of(), null));
    };

    private final SendPlanner planner = new SendPlanner((appId, type) -> channels.getOrDefault(type,
            ChannelDirectory.Status.MISSING), Map.of(ChannelType.APNS, renderer, ChannelType.GCM, renderer,
            ChannelType.BAIDU, renderer));
    private final RecipientResolver resolver = new RecipientResolver(new MapEndpoints());

    @Test
    void addressesAndEndpointsAreRenderedAndQueuedInRequestOrder() {
        channels.put(ChannelType.APNS, ChannelDirectory.Status.ENABLED);
        channels.put(ChannelType.GCM, ChannelDirectory.Status.ENABLED);
        endpoint("e1", "gcm-token", ChannelType.GCM, "ACTIVE", "NONE", "u1");

        SendPlan plan = plan(request(Map.of("apns-token", address(ChannelType.APNS, "Hi")), Map.of("e1", noOverrides())));

        assertThat(plan.decided()).isEmpty();
        assertThat(plan.deliveries()).extracting(Delivery::index, d -> d.target().address(), d -> d.push().body())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "apns-token", "{\"alert\":\"Hi\"}"),
                        org.assertj.core.groups.Tuple.tuple(1, "gcm-token", "{\"alert\":\"Hello\"}"));
        assertThat(plan.deliveries().get(1).target()).isEqualTo(new DeliveryTarget("gcm-token", ChannelType.GCM, "e1", null));
        assertThat(plan.deliveries()).allSatisfy(d -> {
            assertThat(d.requestId()).isEqualTo("req1");
            assertThat(d.traceId()).isEqualTo("trace-9");
            assertThat(d.queuedAt()).isEqualTo("2025-03-01T10:00:00.000Z");
        });
        assertThat(rendered).allSatisfy(r -> {
            assertThat(r.pinpointData()).containsEntry("pinpoint.campaign.campaign_id", "_DIRECT");
            assertThat(r.messageConfiguration()).isEqualTo(MESSAGE);
        });
        assertThat(rendered.get(1).endpoint().id()).isEqualTo("e1");
    }

    @Test
    void theSecondRecipientWithAnAddressAlreadySeenIsDuplicate() {
        channels.put(ChannelType.APNS, ChannelDirectory.Status.ENABLED);
        endpoint("e1", "shared-token", ChannelType.APNS, "ACTIVE", "NONE", null);
        endpoint("e2", "shared-token", ChannelType.APNS, "ACTIVE", "NONE", null);

        SendPlan plan = plan(request(Map.of("shared-token", address(ChannelType.APNS, null)),
                orderedOf("e1", noOverrides(), "e2", noOverrides())));

        assertThat(plan.deliveries()).extracting(Delivery::index).containsExactly(0);
        assertThat(plan.decided()).extracting(DeliveryOutcome::index, o -> o.result().deliveryStatus())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, DeliveryStatus.DUPLICATE),
                        org.assertj.core.groups.Tuple.tuple(2, DeliveryStatus.DUPLICATE));
        assertThat(rendered).hasSize(1);
    }

    @Test
    void optedOutInactiveAndMissingEndpointsGetAnOutcomeWithoutAProvider() {
        channels.put(ChannelType.APNS, ChannelDirectory.Status.ENABLED);
        endpoint("opted", "t1", ChannelType.APNS, "ACTIVE", "ALL", null);
        endpoint("dead", "t2", ChannelType.APNS, "INACTIVE", "NONE", null);
        endpoint("mail", "someone@example.com", ChannelType.EMAIL, "ACTIVE", "NONE", null);

        SendPlan plan = plan(request(Map.of(), orderedOf("opted", noOverrides(), "dead", noOverrides(),
                "ghost", noOverrides(), "mail", noOverrides())));

        assertThat(plan.deliveries()).isEmpty();
        Map<String, MessageResult> byEndpoint = plan.decided().stream()
                .collect(Collectors.toMap(o -> o.target().endpointId(), DeliveryOutcome::result));
        assertThat(byEndpoint.get("opted")).isEqualTo(MessageResult.of(DeliveryStatus.OPT_OUT, 400,
                "The endpoint opted out of messages (OptOut ALL)"));
        assertThat(byEndpoint.get("dead").deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
        assertThat(byEndpoint.get("dead").statusMessage()).contains("INACTIVE");
        assertThat(byEndpoint.get("ghost")).isEqualTo(MessageResult.permanentFailure(404, "Endpoint ghost not found"));
        assertThat(byEndpoint.get("mail").statusMessage()).contains("EMAIL is not a push channel");
        assertThat(plan.decided()).allSatisfy(o -> assertThat(o.attempts()).isZero());
        assertThat(rendered).isEmpty();
    }

    @Test
    void aPayloadTooLargeIsAPermanentFailureWithTheRenderersExplanation() {
        channels.put(ChannelType.APNS, ChannelDirectory.Status.ENABLED);

        SendPlan plan = plan(request(orderedOf("small", address(ChannelType.APNS, "ok"),
                "big", address(ChannelType.APNS, "x".repeat(100))), Map.of()));

        assertThat(plan.deliveries()).extracting(d -> d.target().address()).containsExactly("small");
        assertThat(plan.decided()).singleElement().satisfies(o -> {
            assertThat(o.target().address()).isEqualTo("big");
            assertThat(o.result()).isEqualTo(MessageResult.permanentFailure(413,
                    "The payload is 112 bytes; APNs accepts at most 40"));
        });
    }

    @Test
    void contentTheChannelCannotTakeIsAPermanentFailure() {
        channels.put(ChannelType.APNS, ChannelDirectory.Status.ENABLED);
        AddressConfiguration raw = new AddressConfiguration(null, ChannelType.APNS, null, "oops", null, null);

        SendPlan plan = plan(request(Map.of("t", raw), Map.of()));

        assertThat(plan.decided()).singleElement().extracting(DeliveryOutcome::result)
                .isEqualTo(MessageResult.permanentFailure(400, "RawContent is not valid JSON"));
    }

    @Test
    void aMissingOrDisabledChannelRefusesTheWholeRequest() {
        channels.put(ChannelType.APNS, ChannelDirectory.Status.ENABLED);
        channels.put(ChannelType.GCM, ChannelDirectory.Status.DISABLED);

        assertThatThrownBy(() -> plan(request(orderedOf("a", address(ChannelType.APNS, null),
                "g", address(ChannelType.GCM, null)), Map.of())))
                .isInstanceOf(ApiError.class).hasMessageContaining("GCM channel is disabled");
        assertThatThrownBy(() -> plan(request(Map.of("s", address(ChannelType.APNS_SANDBOX, null)), Map.of())))
                .isInstanceOf(ApiError.class).hasMessageContaining("The app has no APNS_SANDBOX channel");
        assertThat(rendered).as("nothing rendered for a refused request").isEmpty();
    }

    @Test
    void aChannelPinpushCannotRenderYetRefusesTheRequest() {
        channels.put(ChannelType.ADM, ChannelDirectory.Status.ENABLED);

        assertThatThrownBy(() -> plan(request(Map.of("adm", address(ChannelType.ADM, null)), Map.of())))
                .isInstanceOf(ApiError.class).hasMessageContaining("cannot send through the ADM channel yet");
    }

    @Test
    void endpointsNotSentToDoNotNeedTheirChannel() {
        endpoint("opted", "t1", ChannelType.GCM, "ACTIVE", "ALL", null);

        SendPlan plan = plan(request(Map.of(), Map.of("opted", noOverrides())));

        assertThat(plan.decided()).singleElement().extracting(o -> o.result().deliveryStatus())
                .isEqualTo(DeliveryStatus.OPT_OUT);
    }

    @Test
    void usersGetEveryActiveEndpointAndTheirOverrides() {
        channels.put(ChannelType.APNS, ChannelDirectory.Status.ENABLED);
        channels.put(ChannelType.GCM, ChannelDirectory.Status.ENABLED);
        endpoint("phone", "t-phone", ChannelType.APNS, "ACTIVE", "NONE", "alice");
        endpoint("old", "t-old", ChannelType.APNS, "INACTIVE", "NONE", "alice");
        endpoint("tablet", "t-tablet", ChannelType.GCM, "ACTIVE", "ALL", "alice");
        endpoint("bobs", "t-bob", ChannelType.GCM, "ACTIVE", "NONE", "bob");
        Map<String, EndpointSendConfiguration> users = orderedOf(
                "alice", new EndpointSendConfiguration("Hi Alice", Map.of("k", "alice"), null, null, null),
                "bob", null, "carol", noOverrides());
        SendUsersMessageRequest request = new SendUsersMessageRequest(Map.of("k", "request", "r", "1"), MESSAGE, null,
                null, users);

        SendPlan plan = planner.plan(APP, "req2", null, MESSAGE, resolver.forUsers(APP, request), NOW);

        assertThat(plan.targets()).extracting(DeliveryTarget::userId, DeliveryTarget::endpointId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "phone"),
                        org.assertj.core.groups.Tuple.tuple("alice", "tablet"),
                        org.assertj.core.groups.Tuple.tuple("bob", "bobs"));
        assertThat(plan.decided()).singleElement().extracting(o -> o.result().deliveryStatus())
                .isEqualTo(DeliveryStatus.OPT_OUT);
        assertThat(rendered.get(0).bodyOverride()).isEqualTo("Hi Alice");
        assertThat(rendered.get(0).context()).containsExactlyInAnyOrderEntriesOf(Map.of("k", "alice", "r", "1"));
        assertThat(rendered.get(1).context()).containsExactlyInAnyOrderEntriesOf(Map.of("k", "request", "r", "1"));
    }

    @Test
    void aTemplatedSendPersonalizesTheMessagePerRecipient() {
        channels.put(ChannelType.APNS, ChannelDirectory.Status.ENABLED);
        endpoint("ada", "t-ada", ChannelType.APNS, "ACTIVE", "NONE", "ada");
        endpoint("broken", "t-broken", ChannelType.APNS, "ACTIVE", "NONE", "bob");
        List<Template> prepared = new ArrayList<>();
        MessageTemplates templates = (template, message) -> {
            prepared.add(template);
            return (endpoint, substitutions) -> {
                if (endpoint.id().equals("broken")) {
                    throw new MessageTemplates.Unrenderable("Template welcome version 1 GCM: cannot render");
                }
                return DirectMessageConfiguration.push(null, null, new DefaultPushNotificationMessage(null,
                        "Hello " + endpoint.user().userId() + " " + substitutions, null, null, null, null, null));
            };
        };
        SendPlanner templated = new SendPlanner((appId, type) -> channels.get(type), Map.of(ChannelType.APNS, renderer),
                templates);
        Map<String, EndpointSendConfiguration> config = orderedOf(
                "ada", new EndpointSendConfiguration(null, null, null, Map.of("Pet", List.of("cat")), null),
                "broken", noOverrides());
        MessageRequest request = new MessageRequest(null, null, config, new DirectMessageConfiguration(
                null, null, null, null, null, null, null, null, null), new TemplateConfiguration(null,
                new Template("welcome", null), null, null, null), null);

        SendPlan plan = templated.plan(APP, "req3", null, request.messageConfiguration(),
                request.templateConfiguration(), resolver.forMessages(APP, request), NOW);

        assertThat(prepared).containsExactly(new Template("welcome", null));
        assertThat(rendered).singleElement().satisfies(r -> {
            assertThat(r.messageConfiguration().defaultPushNotificationMessage().body()).isEqualTo("Hello ada {Pet=[cat]}");
            // Applied by the template, and handed on for the recipient's own overrides, which the template never saw.
            assertThat(r.substitutions()).isEqualTo(Map.of("Pet", List.of("cat")));
        });
        assertThat(plan.decided()).singleElement().satisfies(o -> {
            assertThat(o.target().endpointId()).isEqualTo("broken");
            assertThat(o.result()).isEqualTo(MessageResult.permanentFailure(400,
                    "Template welcome version 1 GCM: cannot render"));
        });
    }

    @Test
    void aTemplatedSendWithoutTemplatesIsRefused() {
        channels.put(ChannelType.APNS, ChannelDirectory.Status.ENABLED);

        assertThatThrownBy(() -> planner.plan(APP, "req4", null, MESSAGE, new TemplateConfiguration(null,
                new Template("welcome", null), null, null, null), List.of(), NOW))
                .isInstanceOf(ApiError.class).hasMessageContaining("TemplateConfiguration is not supported");
    }

    private SendPlan plan(MessageRequest request) {
        return planner.plan(APP, "req1", request.traceId(), request.messageConfiguration(),
                resolver.forMessages(APP, request), NOW);
    }

    private static MessageRequest request(Map<String, AddressConfiguration> addresses,
                                          Map<String, EndpointSendConfiguration> endpointConfigs) {
        return new MessageRequest(addresses, null, endpointConfigs, MESSAGE, null, "trace-9");
    }

    private static AddressConfiguration address(ChannelType type, String body) {
        return new AddressConfiguration(body, type, null, null, null, null);
    }

    private static EndpointSendConfiguration noOverrides() {
        return new EndpointSendConfiguration(null, null, null, null, null);
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> orderedOf(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }

    private void endpoint(String id, String address, ChannelType type, String status, String optOut, String userId) {
        endpoints.put(id, new EndpointResponse(address, APP, null, type, null, "2025-01-01T00:00:00Z", null,
                "2025-01-01T00:00:00Z", status, id, null, null, optOut, null,
                userId == null ? null : new EndpointUser(null, userId)));
    }

    /** The endpoint lookups the planner's caller makes, over this test's map. */
    private final class MapEndpoints implements EndpointDirectory {
        @Override
        public Map<String, EndpointResponse> findAll(String appId, Collection<String> ids) {
            return ids.stream().filter(endpoints::containsKey).collect(Collectors.toMap(id -> id, endpoints::get));
        }

        @Override
        public List<EndpointResponse> userEndpoints(String appId, String userId) {
            return endpoints.values().stream()
                    .filter(e -> e.user() != null && userId.equals(e.user().userId())).toList();
        }

        @Override
        public boolean markInactive(String appId, String endpointId, String address) {
            return false;
        }

        @Override
        public List<String> markInactiveByAddress(String appId, ChannelType channelType, String address) {
            return List.of();
        }

        @Override
        public boolean replaceAddress(String appId, String endpointId, String oldAddress, String newAddress) {
            return false;
        }
    }
}
