package io.pinpush.providers.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.AuthenticationToken;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.pinpush.channels.ChannelCredentials;
import io.pinpush.channels.ChannelType;
import io.pinpush.config.PinpushConfig;
import io.pinpush.providers.ProviderChannel;
import io.pinpush.providers.ProviderOutcome;
import io.pinpush.providers.RenderedPush;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends rendered notifications to APNs with Pushy. One client per app, channel and authentication method, built
 * from the channel's credentials and kept while the channel's version stays the same; when the credentials
 * change (a new version), the next notification builds a new client and the old one is closed. All clients
 * share one small event loop group.
 */
public final class ApnsSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApnsSender.class);

    /** Reasons that say the device token will never work again for this app. */
    private static final Set<String> TOKEN_INVALID = Set.of("Unregistered", "BadDeviceToken", "DeviceTokenNotForTopic", "ExpiredToken");
    /** Reasons worth retrying besides 429 and 5xx: Pushy mints a fresh provider token on its own. */
    private static final Set<String> TRANSIENT = Set.of("ExpiredProviderToken", "Shutdown", "IdleTimeout");

    private record CachedClient(int version, ApnsClient client) {
    }

    private final EventLoopGroup eventLoops;
    private final ApnsClients builder;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, CachedClient> clients = new ConcurrentHashMap<>();

    public ApnsSender(PinpushConfig config, Clock clock) {
        this.eventLoops = new NioEventLoopGroup(1);
        this.builder = new ApnsClients(config, eventLoops);
        this.timeout = config.providerTimeout();
        this.clock = clock;
    }

    /**
     * Loads what a channel's first push needs, without connecting, for a SnapStart snapshot: builds a client as a
     * token-key channel's first push does (Netty's channel pool and bootstrap, the TLS context and its trust store,
     * Pushy's signing key), signs one provider token (ES256), then closes the client. The snapshot holds no
     * connection and no credential: the key is a throwaway, made here and dropped.
     */
    public void warmUp() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            ChannelCredentials.Apns.TokenKey key = new ChannelCredentials.Apns.TokenKey(pem, "WARMUPKEY1", "WARMUPTEAM", "warm.up");
            new AuthenticationToken(ApnsClients.signingKey(key), clock.instant());
            ApnsClient client = builder.build(ChannelType.APNS, new ApnsAuthentication(ApnsAuthentication.TOKEN, key, null));
            client.close().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (GeneralSecurityException | IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("APNs warm-up failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("APNs warm-up interrupted", e);
        }
    }

    public CompletableFuture<ProviderOutcome> send(ProviderChannel channel, RenderedPush push) {
        if (!(channel.credentials() instanceof ChannelCredentials.Apns credentials)) {
            return failed("The " + channel.type() + " channel holds no APNs credentials", false);
        }
        ApnsAuthentication authentication = ApnsAuthentication.choose(credentials, push.authenticationMethod()).orElse(null);
        if (authentication == null) {
            return failed("The " + channel.type() + " channel has neither a token key nor a certificate", false);
        }
        ApnsClient client;
        try {
            client = client(channel, authentication);
        } catch (ApnsClients.UnusableCredentials e) {
            return failed("The " + channel.type() + " channel's " + authentication.method().toLowerCase()
                    + " credentials are unusable: " + e.getMessage(), false);
        }

        ApnsPushType pushType = ApnsPushType.fromHeaderValue(push.headers().getOrDefault(ApnsRenderer.PUSH_TYPE, "alert"))
                .orElse(ApnsPushType.ALERT);
        SimpleApnsPushNotification notification = new SimpleApnsPushNotification(
                push.address(),
                pushType.topic(authentication.bundleId()),
                push.body(),
                expiration(push),
                DeliveryPriority.getFromCode(Integer.parseInt(push.headers().getOrDefault(ApnsRenderer.PRIORITY, "10"))),
                PushType.getFromHeaderValue(pushType.headerValue()),
                push.headers().get(ApnsRenderer.COLLAPSE_ID));
        CompletableFuture<ProviderOutcome> outcome = new CompletableFuture<>();
        client.sendNotification(notification)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, error) -> outcome.complete(error == null ? outcomeOf(response) : outcomeOf(error)));
        return outcome;
    }

    /** Pushy cannot leave apns-expiration out; without a TimeToLive the notification keeps for Pushy's default day. */
    private Instant expiration(RenderedPush push) {
        String expiration = push.headers().get(ApnsRenderer.EXPIRATION);
        return expiration != null ? Instant.ofEpochSecond(Long.parseLong(expiration))
                : clock.instant().plus(SimpleApnsPushNotification.DEFAULT_EXPIRATION_PERIOD);
    }

    private ApnsClient client(ProviderChannel channel, ApnsAuthentication authentication) {
        String key = channel.appId() + '/' + channel.type() + '/' + authentication.method();
        return clients.compute(key, (ignored, cached) -> {
            if (cached != null && cached.version() == channel.version()) {
                return cached;
            }
            if (cached != null) {
                LOG.info("APNs credentials of {} changed (version {} -> {}); replacing its client", key, cached.version(), channel.version());
                cached.client().close();
            }
            return new CachedClient(channel.version(), builder.build(channel.type(), authentication));
        }).client();
    }

    static ProviderOutcome outcomeOf(PushNotificationResponse<?> response) {
        if (response.isAccepted()) {
            return new ProviderOutcome.Delivered(response.getStatusCode(), response.getApnsId().toString(), null);
        }
        int status = response.getStatusCode();
        String reason = response.getRejectionReason().orElse("HTTP " + status);
        Instant invalidSince = response.getTokenInvalidationTimestamp().orElse(null);
        boolean tokenInvalid = invalidSince != null || TOKEN_INVALID.contains(reason);
        boolean retryable = !tokenInvalid && (status == 429 || status >= 500 || TRANSIENT.contains(reason));
        String message = invalidSince == null ? reason : reason + " (token invalid since " + invalidSince + ")";
        return new ProviderOutcome.Rejected(status, message, tokenInvalid, retryable, null);
    }

    static ProviderOutcome outcomeOf(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return new ProviderOutcome.Failed("APNs did not answer in time", true);
        }
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        // Connection refused or reset, TLS trouble, a client closed under us: the next attempt gets a fresh connection.
        boolean retryable = cause instanceof IOException || cause instanceof IllegalStateException
                || cause instanceof io.netty.channel.ChannelException;
        return new ProviderOutcome.Failed("Could not deliver to APNs: " + detail, retryable);
    }

    private static CompletableFuture<ProviderOutcome> failed(String reason, boolean retryable) {
        return CompletableFuture.completedFuture(new ProviderOutcome.Failed(reason, retryable));
    }

    @Override
    public void close() {
        clients.values().forEach(cached -> cached.client().close().join());
        clients.clear();
        eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
