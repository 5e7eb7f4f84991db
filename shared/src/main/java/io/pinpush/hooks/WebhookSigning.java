package io.pinpush.hooks;

import io.pinpush.secrets.SecretStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs every request Pinpush POSTs to a web hook, so the receiver can tell it came from this deployment:
 * {@code X-Pinpush-Timestamp} (Unix seconds) and {@code X-Pinpush-Signature: v1=<hex HMAC-SHA256 of
 * "<timestamp>.<body>">}. The key is per app, generated on first use and kept in the secret store as
 * {@code <prefix>apps/<appId>/webhook-signing}; it is never logged or returned by the API.
 */
public final class WebhookSigning {

    public static final String TIMESTAMP_HEADER = "X-Pinpush-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Pinpush-Signature";
    /** How far a receiver should accept a timestamp from its own clock: older requests are replays. */
    public static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    /** A key rotated in the secret store is picked up within this time. */
    private static final Duration KEY_CACHE = Duration.ofMinutes(5);

    private record CachedKey(String key, Instant read) {
    }

    private final SecretStore secrets;
    private final String prefix;
    private final Clock clock;
    private final Map<String, CachedKey> keys = new ConcurrentHashMap<>();

    public WebhookSigning(SecretStore secrets, String prefix, Clock clock) {
        this.secrets = secrets;
        this.prefix = prefix;
        this.clock = clock;
    }

    /** The secret's name for {@code appId}: what a receiver reads (GetSecretValue) to verify requests. */
    public String secretName(String appId) {
        return prefix + "apps/" + appId + "/webhook-signing";
    }

    /** The headers to send with {@code body}. */
    public Map<String, String> sign(String appId, String body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(TIMESTAMP_HEADER, timestamp);
        headers.put(SIGNATURE_HEADER, "v1=" + hmac(key(appId), timestamp, body));
        return headers;
    }

    /**
     * What a receiver does (in any language: the same HMAC): recompute the signature over the timestamp and the raw
     * body with the app's key, compare in constant time, and refuse timestamps outside the replay window.
     */
    public static boolean verify(String key, String timestamp, String body, String signature, Instant now) {
        if (key == null || timestamp == null || body == null || signature == null || !signature.startsWith("v1=")) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > REPLAY_WINDOW.toSeconds()) {
            return false;
        }
        byte[] expected = hmac(key, timestamp, body).getBytes(StandardCharsets.UTF_8);
        byte[] given = signature.substring(3).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    private String key(String appId) {
        Instant now = clock.instant();
        CachedKey cached = keys.get(appId);
        if (cached != null && now.isBefore(cached.read().plus(KEY_CACHE))) {
            return cached.key();
        }
        String name = secretName(appId);
        String key = secrets.get(name).orElseGet(() -> {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String fresh = Base64.getEncoder().encodeToString(random);
            secrets.put(name, fresh);
            return fresh;
        });
        keys.put(appId, new CachedKey(key, now));
        return key;
    }

    private static String hmac(String key, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
