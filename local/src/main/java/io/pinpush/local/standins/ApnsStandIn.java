package io.pinpush.local.standins;

import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import io.pinpush.channels.ChannelCredentials;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real APNs stand-in: Pushy's {@link MockApnsServer} over TLS (HTTP/2, ALPN) with the stand-in certificate,
 * validating like APNs does. It accepts token authentication (for signing keys made by
 * {@link #createSigningKey}) and certificate authentication (the client certificate of {@link StandInTls},
 * topic {@link StandInTls#CERTIFICATE_BUNDLE_ID} and its .voip/.complication topics).
 *
 * <p>APNs' own answers come from its state: a token that is not 64 hex digits is {@code BadDeviceToken}, one
 * registered for another topic is {@code DeviceTokenNotForTopic}, an unregistered one is {@code Unregistered}
 * with its timestamp. {@link #rejectWith} makes a valid notification fail anyway (429, 500, 503, ...).
 */
public final class ApnsStandIn implements AutoCloseable {

    /** One request APNs received, as it arrived. */
    public record Received(String token, Map<String, String> headers, String payload, RejectionReason rejection) {
        public String topic() {
            return headers.get("apns-topic");
        }
    }

    /** A token-authentication key as a channel holds it: the .p8 PEM, its key id and team id. */
    public record SigningKey(String privateKeyPem, String keyId, String teamId) {
        public ChannelCredentials.Apns.TokenKey tokenKey(String bundleId) {
            return new ChannelCredentials.Apns.TokenKey(privateKeyPem, keyId, teamId, bundleId);
        }
    }

    private final Map<String, Set<String>> devicesByTopic = new ConcurrentHashMap<>();
    private final Map<String, Instant> unregisteredSince = new ConcurrentHashMap<>();
    private final Map<String, ApnsVerificationKey> keysById = new ConcurrentHashMap<>();
    private final Map<ApnsVerificationKey, Set<String>> topicsByKey = new ConcurrentHashMap<>();
    private final Map<String, RejectionReason> forcedRejections = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final MockApnsServer server;
    private final int port;

    private ApnsStandIn() {
        ValidatingPushNotificationHandlerFactory apns =
                new ValidatingPushNotificationHandlerFactory(devicesByTopic, unregisteredSince, keysById, topicsByKey);
        try {
            server = new MockApnsServerBuilder()
                    .setServerCredentials(StandInTls.serverCertificateChain(), StandInTls.serverKey(), null)
                    .setTrustedClientCertificateChain(new ByteArrayInputStream(StandInTls.caPem().getBytes(StandardCharsets.US_ASCII)))
                    .setHandlerFactory(session -> {
                        PushNotificationHandler validating = apns.buildHandler(session);
                        return (headers, payload) -> {
                            validating.handlePushNotification(headers, payload);
                            RejectionReason forced = forcedRejections.get(token(headers));
                            if (forced != null) {
                                throw new RejectedNotificationException(forced);
                            }
                        };
                    })
                    .setListener(new Recorder())
                    .build();
            port = server.start(0).get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the APNs stand-in", e);
        }
    }

    public static ApnsStandIn start() {
        return new ApnsStandIn();
    }

    /** host:port, for {@code PINPUSH_APNS_ENDPOINT} and {@code PINPUSH_APNS_SANDBOX_ENDPOINT}. */
    public String endpoint() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** A new EC P-256 signing key for {@code teamId}, valid for the given topics (bundle ids, with suffixes). */
    public SigningKey createSigningKey(String teamId, String keyId, String... topics) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            ApnsVerificationKey verificationKey = new ApnsVerificationKey(keyId, teamId, (ECPublicKey) pair.getPublic());
            keysById.put(keyId, verificationKey);
            topicsByKey.put(verificationKey, Set.of(topics));
            return new SigningKey(StandInTls.pkcs8Pem(pair.getPrivate()), keyId, teamId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A device that installed the app with this topic (bundle id) and registered {@code token}. */
    public void registerDevice(String topic, String token) {
        devicesByTopic.computeIfAbsent(topic, ignored -> ConcurrentHashMap.newKeySet()).add(token);
    }

    /** The app was removed from the device: APNs answers 410 Unregistered with this timestamp. */
    public void unregisterDevice(String token, Instant since) {
        unregisteredSince.put(token, since);
    }

    /** Notifications to {@code token} that pass validation are rejected anyway with {@code reason}. */
    public void rejectWith(String token, RejectionReason reason) {
        forcedRejections.put(token, reason);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void clearReceived() {
        received.clear();
    }

    @Override
    public void close() {
        server.shutdown().join();
    }

    private static String token(Http2Headers headers) {
        CharSequence path = headers.path();
        String value = path == null ? "" : path.toString();
        return value.substring(value.lastIndexOf('/') + 1);
    }

    private final class Recorder implements MockApnsServerListener {
        @Override
        public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
            received.add(new Received(token(headers), headerMap(headers), text(payload), null));
        }

        @Override
        public void handlePushNotificationRejected(Http2Headers headers, ByteBuf payload, RejectionReason reason,
                                                   Instant deviceTokenExpirationTimestamp) {
            received.add(new Received(token(headers), headerMap(headers), text(payload), reason));
        }

        private Map<String, String> headerMap(Http2Headers headers) {
            Map<String, String> map = new LinkedHashMap<>();
            headers.forEach(header -> {
                String name = header.getKey().toString();
                if (!name.startsWith(":")) {
                    map.put(name, header.getValue().toString());
                }
            });
            return map;
        }

        private String text(ByteBuf payload) {
            return payload == null ? null : payload.toString(StandardCharsets.UTF_8);
        }
    }
}
