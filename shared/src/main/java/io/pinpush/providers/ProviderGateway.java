package io.pinpush.providers;

import io.pinpush.config.PinpushConfig;
import io.pinpush.providers.adm.AdmSender;
import io.pinpush.providers.apns.ApnsSender;
import io.pinpush.providers.baidu.BaiduSender;
import io.pinpush.providers.fcm.FcmSender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PushGateway} of Pinpush: resolves the app's channel for each notification and hands it to the
 * provider client for its family (APNs through Pushy; FCM, ADM and Baidu through one shared JDK HttpClient).
 * Provider clients are created on first use, so a function that only ever talks to FCM never starts Netty.
 */
public final class ProviderGateway implements PushGateway {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderGateway.class);

    private final PinpushConfig config;
    private final ChannelResolver channels;
    private final Clock clock;
    private final ProviderLatency latency;
    private ApnsSender apns;
    private FcmSender fcm;
    private AdmSender adm;
    private BaiduSender baidu;
    private HttpClient http;

    public ProviderGateway(PinpushConfig config, ChannelResolver channels, Clock clock) {
        this(config, channels, clock, ProviderLatency.NONE);
    }

    /** {@code latency} hears the provider's answer time of every notification handed to a provider client. */
    public ProviderGateway(PinpushConfig config, ChannelResolver channels, Clock clock, ProviderLatency latency) {
        this.config = config;
        this.channels = channels;
        this.clock = clock;
        this.latency = latency;
    }

    @Override
    public CompletableFuture<ProviderOutcome> send(String appId, RenderedPush push) {
        if (push.expiresAtEpochMs() != null && clock.millis() > push.expiresAtEpochMs()) {
            return failed("The notification's TimeToLive elapsed before it could be sent", false);
        }
        Optional<ProviderChannel> resolved;
        try {
            resolved = channels.resolve(appId, push.channelType());
        } catch (RuntimeException e) {
            LOG.warn("Could not resolve the {} channel of app {}", push.channelType(), appId, e);
            return failed("Could not read the " + push.channelType() + " channel: " + e.getMessage(), true);
        }
        if (resolved.isEmpty()) {
            return failed("The app has no " + push.channelType() + " channel", false);
        }
        ProviderChannel channel = resolved.get();
        if (!channel.enabled()) {
            return failed("The app's " + push.channelType() + " channel is disabled", false);
        }
        try {
            if (push.channelType().isApns()) {
                return timed(appId, push, () -> apns().send(channel, push));
            }
            return switch (push.channelType()) {
                case GCM -> timed(appId, push, () -> fcm().send(channel, push));
                case ADM -> timed(appId, push, () -> adm().send(channel, push));
                case BAIDU -> timed(appId, push, () -> baidu().send(channel, push));
                default -> failed("Pinpush cannot deliver through " + push.channelType() + " channels yet", false);
            };
        } catch (RuntimeException e) {
            LOG.error("Sending through the {} channel of app {} failed unexpectedly", push.channelType(), appId, e);
            return failed("Unexpected failure sending through " + push.channelType() + ": " + e.getMessage(), false);
        }
    }

    /** Hands the notification to a provider client and tells {@link #latency} when the client has its answer. */
    private CompletableFuture<ProviderOutcome> timed(String appId, RenderedPush push,
                                                     Supplier<CompletableFuture<ProviderOutcome>> send) {
        long handedOver = System.nanoTime();
        return send.get().whenComplete((outcome, error) -> {
            try {
                latency.answered(appId, push.channelType(), Duration.ofNanos(System.nanoTime() - handedOver));
            } catch (RuntimeException e) {
                // Never let measuring turn the provider's answer into a failure.
                LOG.warn("Could not record the provider latency of a {} push", push.channelType(), e);
            }
        });
    }

    /** Loads the APNs path before a SnapStart snapshot, without connecting (see {@link ApnsSender#warmUp()}). */
    public void warmUpApns() {
        apns().warmUp();
    }

    private synchronized ApnsSender apns() {
        if (apns == null) {
            apns = new ApnsSender(config, clock);
        }
        return apns;
    }

    private synchronized FcmSender fcm() {
        if (fcm == null) {
            fcm = new FcmSender(http(), config.fcmEndpoint(), config.gcmLegacyEndpoint(), config.providerTimeout(), clock);
        }
        return fcm;
    }

    private synchronized AdmSender adm() {
        if (adm == null) {
            adm = new AdmSender(http(), config.admEndpoint(), config.admTokenEndpoint(), config.providerTimeout(), clock);
        }
        return adm;
    }

    private synchronized BaiduSender baidu() {
        if (baidu == null) {
            baidu = new BaiduSender(http(), config.baiduEndpoint(), config.providerTimeout(), clock);
        }
        return baidu;
    }

    /** HTTP/2 where the provider offers it (FCM), HTTP/1.1 otherwise (ADM, Baidu). */
    private synchronized HttpClient http() {
        if (http == null) {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_2)
                    .connectTimeout(config.providerTimeout());
            config.fcmTrustedCertificate().ifPresent(path -> {
                try {
                    builder.sslContext(Pem.trusting(Files.readString(path)));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read PINPUSH_FCM_TRUSTED_CERT " + path, e);
                }
            });
            http = builder.build();
        }
        return http;
    }

    private static CompletableFuture<ProviderOutcome> failed(String reason, boolean retryable) {
        return CompletableFuture.completedFuture(new ProviderOutcome.Failed(reason, retryable));
    }

    @Override
    public synchronized void close() {
        if (apns != null) {
            apns.close();
            apns = null;
        }
        // The JDK 17 HttpClient has no close(); its threads end once it is unreachable.
        fcm = null;
        adm = null;
        baidu = null;
        http = null;
    }
}
