package io.pinpush.customdelivery;

import io.pinpush.api.ApiError;
import io.pinpush.channels.ChannelType;
import io.pinpush.hooks.DeliveryUris;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Pinpoint's CustomDeliveryConfiguration: a campaign's custom channel. DeliveryUri is a Lambda function ARN or a
 * web hook URL; EndpointTypes the channel types of the endpoints it is sent to (all of them when absent).
 *
 * <p>A web hook URL must be https and use only the characters Pinpoint allows. Pinpush's extension: plain http is
 * accepted for loopback hosts (127.0.0.1, localhost), so a laptop can run a receiver without a certificate.
 */
public record CustomDeliveryConfiguration(String deliveryUri, List<ChannelType> endpointTypes) {

    /** Pinpoint's rule for webhook URLs: alphanumerics and - . _ ~ ? / # ; : (plus = & % for queries). */
    private static final Pattern URL_CHARACTERS = Pattern.compile("[A-Za-z0-9\\-._~?/#;:=&%]+");

    public CustomDeliveryConfiguration {
        if (deliveryUri == null || deliveryUri.isBlank()) {
            throw ApiError.badRequest("CustomDeliveryConfiguration.DeliveryUri is required");
        }
        if (!DeliveryUris.isLambdaArn(deliveryUri)) {
            requireWebhookUrl(deliveryUri);
        }
        // Null stays null: a campaign read back shows EndpointTypes only when it was written.
        endpointTypes = endpointTypes == null ? null : List.copyOf(endpointTypes);
    }

    /** Whether an endpoint of {@code channelType} receives the campaign through this channel. */
    public boolean appliesTo(ChannelType channelType) {
        return endpointTypes == null || endpointTypes.isEmpty() || endpointTypes.contains(channelType);
    }

    private static void requireWebhookUrl(String uri) {
        if (!isWebhookUrl(uri)) {
            throw invalid(uri);
        }
    }

    /** Whether {@code uri} is a web hook URL Pinpoint (plus Pinpush's loopback http) accepts; campaign hooks share it. */
    public static boolean isWebhookUrl(String uri) {
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean https = "https".equals(parsed.getScheme());
        boolean loopback = "http".equals(parsed.getScheme())
                && ("127.0.0.1".equals(parsed.getHost()) || "localhost".equals(parsed.getHost()));
        return (https || loopback) && parsed.getHost() != null && URL_CHARACTERS.matcher(uri).matches();
    }

    private static ApiError invalid(String uri) {
        return ApiError.badRequest("CustomDeliveryConfiguration.DeliveryUri must be a Lambda function ARN or an"
                + " https:// URL, got '" + uri + "'");
    }
}
