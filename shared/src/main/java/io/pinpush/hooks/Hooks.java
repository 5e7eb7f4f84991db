package io.pinpush.hooks;

import io.pinpush.config.AwsClients;
import io.pinpush.config.Lazy;
import io.pinpush.config.PinpushConfig;
import io.pinpush.events.EventRecorder;
import io.pinpush.secrets.SecretStore;
import java.net.http.HttpClient;
import java.time.Clock;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Campaign hooks and custom channels, wired from the configuration: what the campaign runner calls.
 *
 * @param invoker FILTER and DELIVERY hooks
 * @param targets  what hooks and custom channels call (Lambda, web URL, local URL mapping)
 * @param signing  the web hook signing keys (a receiver's secret name)
 */
public record Hooks(CampaignHookInvoker invoker, HookTargets targets, WebhookSigning signing) {

    public static Hooks wire(PinpushConfig config, AwsClients aws, SecretStore secrets, EventRecorder events,
                             Clock clock) {
        Lazy<LambdaClient> lambda = new Lazy<>(() ->
                aws.configure(LambdaClient.builder(), "lambda").build());
        WebhookSigning signing = new WebhookSigning(secrets, config.secretPrefix(), clock);
        HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
        HookTargets targets = new HookTargets(lambda, http, signing, HookTargets.lambdaUrls(config), HookCalls.TIMEOUT);
        CampaignHookInvoker invoker = new CampaignHookInvoker(targets, HookCalls.standard(),
                new StreamedHookOutcomes(events, clock));
        return new Hooks(invoker, targets, signing);
    }
}
