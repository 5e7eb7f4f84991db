package io.pinpush.apps;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.pinpush.api.ApiError;
import io.pinpush.customdelivery.CustomDeliveryConfiguration;

/** A Lambda function or web URL that filters or delivers campaign messages (app default or per campaign). */
public record CampaignHook(String lambdaFunctionName, HookMode mode, String webUrl) {

    public enum HookMode { DELIVERY, FILTER }

    /** Names neither a function nor a URL: no hook (how an app's default hook is removed). */
    @JsonIgnore // a helper, not a member
    public boolean isEmpty() {
        return isBlank(lambdaFunctionName) && isBlank(webUrl);
    }

    /**
     * BadRequestException unless the hook can be invoked: a LambdaFunctionName or an https:// WebUrl, and a Mode.
     *
     * @param member how the request names the hook ({@code Hook}, {@code CampaignHook})
     */
    public void requireUsable(String member) {
        if (isEmpty()) {
            throw ApiError.badRequest(member + " needs a LambdaFunctionName or a WebUrl");
        }
        if (mode == null) {
            throw ApiError.badRequest(member + ".Mode is required: FILTER or DELIVERY");
        }
        // The same rule as a custom channel's web hook: https (or loopback http), Pinpoint's URL characters.
        if (!isBlank(webUrl) && !CustomDeliveryConfiguration.isWebhookUrl(webUrl)) {
            throw ApiError.badRequest(member + ".WebUrl must be an https:// URL (Lambda functions go in"
                    + " LambdaFunctionName), got '" + webUrl + "'");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
