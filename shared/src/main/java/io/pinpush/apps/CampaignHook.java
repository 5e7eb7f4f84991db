package io.pinpush.apps;

/** A Lambda function or web URL that filters or delivers campaign messages (app default or per campaign). */
public record CampaignHook(String lambdaFunctionName, HookMode mode, String webUrl) {

    public enum HookMode { DELIVERY, FILTER }
}
