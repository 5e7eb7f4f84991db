package io.pinpush.hooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A hook that is a web URL (CampaignHook.WebUrl, a custom channel's https DeliveryUri, or a Lambda function mapped
 * to a URL on a laptop): the payload is POSTed as JSON, signed ({@link WebhookSigning}), and any 2xx succeeds.
 */
final class WebUrlHookTarget implements HookTarget {

    private final HttpClient http;
    private final URI url;
    private final Duration timeout;
    private final WebhookSigning signing;

    WebUrlHookTarget(HttpClient http, URI url, Duration timeout, WebhookSigning signing) {
        this.http = http;
        this.url = url;
        this.timeout = timeout;
        this.signing = signing;
    }

    @Override
    public String call(String appId, String payload) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        signing.sign(appId, payload).forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException slow) {
            throw new HookCallException(describe() + " did not answer within " + timeout, true, slow);
        } catch (IOException unreachable) {
            throw new HookCallException(describe() + " could not be reached: " + unreachable, true, unreachable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HookCallException(describe() + " call interrupted", false, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            boolean retryable = status >= 500 || status == 429 || status == 408;
            throw new HookCallException(describe() + " answered HTTP " + status + ": "
                    + LambdaHookTarget.abbreviate(response.body()), retryable);
        }
        return response.body();
    }

    @Override
    public String describe() {
        return "web hook " + url.getScheme() + "://" + url.getAuthority() + url.getPath();
    }
}
