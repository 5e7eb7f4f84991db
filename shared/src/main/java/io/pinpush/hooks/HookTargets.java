package io.pinpush.hooks;

import io.pinpush.api.ApiError;
import io.pinpush.apps.CampaignHook;
import io.pinpush.config.PinpushConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Turns what a campaign names (CampaignHook's WebUrl or LambdaFunctionName, a custom channel's DeliveryUri) into a
 * {@link HookTarget}. On a laptop, a Lambda function can be mapped to a URL
 * ({@code PINPUSH_LAMBDA_URLS=name=http://127.0.0.1:9000/hook,...} or {@code PINPUSH_HOOK_URL_<name>=...}), so hooks
 * are testable without AWS: the mapped URL is called as a web hook.
 */
public final class HookTargets {

    private final Supplier<LambdaClient> lambda;
    private final HttpClient http;
    private final WebhookSigning signing;
    private final Map<String, URI> lambdaUrls;
    private final Duration timeout;

    public HookTargets(Supplier<LambdaClient> lambda, HttpClient http, WebhookSigning signing,
                       Map<String, URI> lambdaUrls, Duration timeout) {
        this.lambda = lambda;
        this.http = http;
        this.signing = signing;
        this.lambdaUrls = Map.copyOf(lambdaUrls);
        this.timeout = timeout;
    }

    /** A campaign hook: its WebUrl when set, otherwise its Lambda function. */
    public HookTarget forHook(CampaignHook hook) {
        if (hook.webUrl() != null && !hook.webUrl().isBlank()) {
            return web(URI.create(hook.webUrl()));
        }
        if (hook.lambdaFunctionName() == null || hook.lambdaFunctionName().isBlank()) {
            throw ApiError.badRequest("CampaignHook needs a LambdaFunctionName or a WebUrl");
        }
        return function(hook.lambdaFunctionName());
    }

    /** A custom channel's DeliveryUri: a Lambda function ARN, or a web hook URL. */
    public HookTarget forDeliveryUri(String deliveryUri) {
        return DeliveryUris.isLambdaArn(deliveryUri) ? function(deliveryUri) : web(URI.create(deliveryUri));
    }

    private HookTarget function(String nameOrArn) {
        URI mapped = lambdaUrls.get(nameOrArn);
        if (mapped == null) {
            mapped = lambdaUrls.get(DeliveryUris.functionName(nameOrArn));
        }
        return mapped != null ? web(mapped) : new LambdaHookTarget(lambda.get(), nameOrArn, timeout);
    }

    private HookTarget web(URI url) {
        return new WebUrlHookTarget(http, url, timeout, signing);
    }

    /** The local server's map of Lambda function names (or ARNs) to URLs. */
    public static Map<String, URI> lambdaUrls(PinpushConfig config) {
        Map<String, URI> urls = new LinkedHashMap<>();
        config.get("PINPUSH_LAMBDA_URLS").ifPresent(list -> {
            for (String entry : list.split(",")) {
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    urls.put(entry.substring(0, equals).trim(), URI.create(entry.substring(equals + 1).trim()));
                }
            }
        });
        config.values().forEach((name, value) -> {
            if (name.startsWith("PINPUSH_HOOK_URL_")) {
                urls.put(name.substring("PINPUSH_HOOK_URL_".length()), URI.create(value));
            }
        });
        return urls;
    }
}
