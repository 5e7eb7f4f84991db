package io.pinpush.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.api.Json;
import io.pinpush.apps.CampaignHook;
import io.pinpush.campaigns.CampaignResponse;
import io.pinpush.campaigns.MessageConfiguration;
import io.pinpush.campaigns.run.RunContext;
import io.pinpush.campaigns.run.RunSink;
import io.pinpush.channels.ChannelType;
import io.pinpush.customdelivery.CustomDeliveryConfiguration;
import io.pinpush.customdelivery.CustomDeliverySender;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.endpoints.EndpointUser;
import io.pinpush.secrets.FileSecretStore;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's batch through the campaign's hook and custom channel before push, with a real HTTP hook stand-in
 * ({@link HookServer}) and a recording push sink in place of the runner's render-and-queue.
 */
class HookedRunSinkTest {

    @TempDir
    Path secrets;

    final List<EndpointResponse> pushed = new CopyOnWriteArrayList<>();
    final RunSink push = (run, batch) -> pushed.addAll(batch);

    HookedRunSink sink(Optional<CampaignHook> appHook) {
        HookTargets targets = new HookTargets(() -> null, HttpClient.newHttpClient(),
                new WebhookSigning(new FileSecretStore(secrets), "pinpush/", Clock.systemUTC()), Map.of(),
                Duration.ofSeconds(5));
        CampaignHookInvoker invoker = new CampaignHookInvoker(targets, new HookCalls(Duration.ofMillis(5),
                d -> Thread.sleep(d.toMillis())), (b, endpoint, type, status, message) -> { });
        return new HookedRunSink(push, () -> invoker, () -> new CustomDeliverySender(targets, invoker),
                appId -> appHook);
    }

    static EndpointResponse endpoint(String id, ChannelType type) {
        return new EndpointResponse("token-" + id, "app-1", Map.of("tier", List.of("gold")), type, null, null, null,
                null, "ACTIVE", id, null, null, "NONE", null, new EndpointUser(null, "user-" + id));
    }

    static RunContext run(CampaignHook hook, String messageJson, CustomDeliveryConfiguration custom) {
        CampaignResponse campaign = Json.read(hook == null ? "{\"Id\":\"c-1\"}"
                : "{\"Id\":\"c-1\",\"Hook\":" + Json.write(hook) + "}", CampaignResponse.class);
        MessageConfiguration message = Json.read(messageJson, MessageConfiguration.class);
        return new RunContext("app-1", "c-1", 1, 1, "0", "activity-1", Instant.parse("2026-12-04T10:00:00Z"), campaign,
                new RunContext.Treatment("0", message, null, custom), null, null, null);
    }

    static final String PUSH_MESSAGE = "{\"GCMMessage\":{\"Body\":\"Your cart misses you\"}}";

    @Test
    void theCampaignsFilterHookDecidesWhoIsPushedAndWithWhatData() {
        try (HookServer hook = new HookServer(request -> HookServer.Answer.ok(
                "{\"e0\": {\"Attributes\": {\"tier\": [\"gold\"], \"Coupon\": [\"SAVE10\"]}}}"))) {
            RunContext run = run(new CampaignHook(null, CampaignHook.HookMode.FILTER, hook.url("/filter").toString()),
                    PUSH_MESSAGE, null);

            sink(Optional.empty()).deliver(run, List.of(endpoint("e0", ChannelType.GCM), endpoint("e1", ChannelType.GCM)));

            assertThat(pushed).extracting(EndpointResponse::id).containsExactly("e0");
            assertThat(pushed.get(0).attributes()).containsEntry("Coupon", List.of("SAVE10"));
            assertThat(hook.requests).singleElement().satisfies(r -> {
                assertThat(r.body()).contains("\"CampaignId\":\"c-1\"", "\"ActivityId\":\"activity-1\"", "\"e1\"");
            });
        }
    }

    @Test
    void theAppsDeliveryHookDeliversInsteadOfPushWhenTheCampaignHasNone() {
        try (HookServer hook = new HookServer(request -> HookServer.Answer.ok("{}"))) {
            CampaignHook appHook = new CampaignHook(null, CampaignHook.HookMode.DELIVERY, hook.url("/deliver").toString());
            List<EndpointResponse> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add(endpoint("e" + i, ChannelType.APNS));
            }

            sink(Optional.of(appHook)).deliver(run(null, PUSH_MESSAGE, null), batch);

            assertThat(pushed).isEmpty();
            assertThat(hook.requests).as("50 endpoints, one call").hasSize(1);
            assertThat(hook.requests.get(0).path()).isEqualTo("/deliver");
        }
    }

    @Test
    void aCustomChannelServesItsEndpointTypesAndPushServesTheRestOnlyWithAPushMessage() {
        try (HookServer channel = new HookServer(request -> HookServer.Answer.ok(""))) {
            CustomDeliveryConfiguration custom = new CustomDeliveryConfiguration(channel.url("/custom").toString(),
                    List.of(ChannelType.GCM));
            List<EndpointResponse> batch = List.of(endpoint("android", ChannelType.GCM), endpoint("ios", ChannelType.APNS));

            sink(Optional.empty()).deliver(run(null,
                    "{\"CustomMessage\":{\"Data\":\"cart=3\"},\"APNSMessage\":{\"Body\":\"Hi\"}}", custom), batch);
            assertThat(channel.requests).singleElement().satisfies(r ->
                    assertThat(r.body()).contains("\"Data\":\"cart=3\"", "\"android\"").doesNotContain("\"ios\""));
            assertThat(pushed).extracting(EndpointResponse::id).containsExactly("ios");

            pushed.clear();
            sink(Optional.empty()).deliver(run(null, "{\"CustomMessage\":{\"Data\":\"cart=3\"}}", custom), batch);
            assertThat(pushed).as("no push message: the custom channel is the campaign's only channel").isEmpty();
        }
    }
}
