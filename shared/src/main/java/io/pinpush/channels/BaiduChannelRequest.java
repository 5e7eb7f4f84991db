package io.pinpush.channels;

import io.pinpush.api.ApiError;
import java.time.Instant;
import java.util.Optional;

/** Pinpoint's BaiduChannelRequest: the Baidu Cloud Push API key and secret key, always together. */
public record BaiduChannelRequest(
        String apiKey,
        Boolean enabled,
        String secretKey) implements ChannelRequest {

    private static final String NEEDS = "The Baidu channel needs ApiKey and SecretKey from the Baidu Cloud Push console";

    public BaiduChannelRequest {
        RequestMembers.notBlank("ApiKey", apiKey);
        RequestMembers.notBlank("SecretKey", secretKey);
    }

    @Override
    public ChannelCredentials credentialsOver(Optional<ChannelCredentials> stored, Instant now) {
        if (apiKey == null && secretKey == null) {
            return RequestMembers.stored(stored, ChannelCredentials.Baidu.class)
                    .orElseThrow(() -> ApiError.badRequest(NEEDS));
        }
        RequestMembers.requireAll(NEEDS, "ApiKey", apiKey, "SecretKey", secretKey);
        return new ChannelCredentials.Baidu(apiKey, secretKey);
    }

    @Override
    public String toString() {
        return "BaiduChannelRequest[enabled=" + enabled + ", credentials redacted]";
    }
}
