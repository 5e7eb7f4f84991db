package io.pinpush.channels;

import io.pinpush.api.ApiError;
import io.pinpush.api.Timestamps;
import io.pinpush.apps.AppService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push channels of an app: their configuration through the API, and their credentials for the dispatcher.
 *
 * <p>Metadata lives in DynamoDB ({@link ChannelStore}), credentials in the secret store ({@link ChannelSecrets}).
 * An update first stores its credentials as a new secret version, then writes metadata naming that version,
 * conditioned on the version it read. A concurrent update makes the condition fail; the update is then applied
 * again on top of the winner, so neither is silently lost. Secret versions a losing attempt wrote are never named
 * by metadata and so never read.
 */
public final class ChannelService {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelService.class);

    /** Attempts of one update against concurrent ones before the caller is asked to retry. */
    private static final int MAX_ATTEMPTS = 4;
    /** Bounds the cache in a long-lived container that sends for very many apps. */
    private static final int MAX_CACHED = 10_000;

    private final AppService apps;
    private final ChannelStore store;
    private final ChannelSecrets secrets;
    private final Clock clock;
    private final Duration cacheTtl;
    private final Map<CacheKey, CacheEntry> cache = new ConcurrentHashMap<>();

    public ChannelService(AppService apps, ChannelStore store, ChannelSecrets secrets, Clock clock, Duration cacheTtl) {
        this.apps = apps;
        this.store = store;
        this.secrets = secrets;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
    }

    /**
     * Applies an Update*Channel request: validates its credentials (400 when they cannot work, with nothing
     * written), merges them over the stored ones and writes the next version.
     */
    public Channel update(String appId, ChannelType type, ChannelRequest request, String caller) {
        apps.require(appId);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Channel> current = store.get(appId, type, true);
            Optional<ChannelCredentials> stored = current.flatMap(this::credentialsOf);
            Instant now = clock.instant();
            ChannelCredentials credentials = request.credentialsOver(stored, now);
            String secretVersion = stored.isPresent() && stored.get().equals(credentials)
                    ? current.get().secretVersion()
                    : secrets.write(appId, type, credentials);
            boolean enabled = request.enabled() != null ? request.enabled()
                    : current.map(Channel::enabled).orElse(true);
            Channel next = Channel.next(current, appId, type, enabled, credentials, secretVersion,
                    Timestamps.format(now), caller);
            if (store.put(next, current.map(Channel::version).orElse(0))) {
                cache.remove(new CacheKey(appId, type));
                LOG.info("Channel {} of app {} is now version {} (enabled={}, authentication={}), by {}",
                        type, appId, next.version(), next.enabled(), next.defaultAuthenticationMethod(), caller);
                return next;
            }
            LOG.info("Channel {} of app {} changed during an update; applying it again", type, appId);
        }
        throw ApiError.tooManyRequests("The " + type + " channel of application " + appId
                + " is being updated concurrently; retry the request");
    }

    /** The channel, or NotFoundException when the app or the channel does not exist. */
    public Channel get(String appId, ChannelType type) {
        apps.require(appId);
        return store.get(appId, type, true).orElseThrow(() -> notConfigured(appId, type));
    }

    /** Every configured channel of the app. */
    public List<Channel> list(String appId) {
        apps.require(appId);
        return store.list(appId);
    }

    /** Removes the channel's metadata and credentials; returns the channel as it was. */
    public Channel delete(String appId, ChannelType type) {
        apps.require(appId);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Channel current = store.get(appId, type, true).orElseThrow(() -> notConfigured(appId, type));
            // Secret first: metadata whose secret is gone reads as "no credentials", never as stale ones.
            secrets.delete(appId, type);
            if (store.delete(current)) {
                cache.remove(new CacheKey(appId, type));
                LOG.info("Channel {} of app {} deleted at version {}", type, appId, current.version());
                return current;
            }
        }
        throw ApiError.tooManyRequests("The " + type + " channel of application " + appId
                + " is being updated concurrently; retry the request");
    }

    /**
     * DeleteApp's share: every channel item and every channel secret of the app. Secrets are deleted for every
     * push channel type, so one orphaned by an interrupted update goes too.
     */
    public void deleteAllOf(String appId) {
        for (ChannelType type : ChannelType.values()) {
            if (type.isPush()) {
                secrets.delete(appId, type);
                cache.remove(new CacheKey(appId, type));
            }
        }
        store.deleteAll(appId);
    }

    /**
     * The channel with its credentials, for delivery; empty when it is not configured (a disabled channel is
     * returned, with {@code enabled} false). Called per delivery, so answers come from a per-(app, channel) cache:
     * the metadata is read again once the cache TTL has passed, the secret only when the metadata names another
     * secret version. A channel update therefore reaches deliveries within the TTL
     * ({@code PINPUSH_CHANNEL_CACHE_TTL}).
     */
    public Optional<ResolvedChannel> resolve(String appId, ChannelType type) {
        if (!type.isPush()) {
            return Optional.empty();
        }
        CacheKey key = new CacheKey(appId, type);
        Instant now = clock.instant();
        CacheEntry cached = cache.get(key);
        if (cached != null && now.isBefore(cached.readAt().plus(cacheTtl))) {
            return cached.resolved();
        }
        Optional<Channel> channel = store.get(appId, type, false);
        Optional<ResolvedChannel> resolved = channel.flatMap(c -> {
            Optional<ChannelCredentials> credentials =
                    cached != null && cached.channel().map(Channel::secretVersion).equals(Optional.of(c.secretVersion()))
                            ? cached.resolved().map(ResolvedChannel::credentials)
                            : credentialsOf(c);
            return credentials.map(creds -> new ResolvedChannel(appId, type, c.enabled(), c.version(), creds));
        });
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new CacheEntry(now, channel, resolved));
        return resolved;
    }

    private Optional<ChannelCredentials> credentialsOf(Channel channel) {
        Optional<ChannelCredentials> credentials =
                secrets.read(channel.applicationId(), channel.type(), channel.secretVersion());
        if (credentials.isEmpty()) {
            LOG.warn("Channel {} of app {} (version {}) names secret version {}, which no longer exists",
                    channel.type(), channel.applicationId(), channel.version(), channel.secretVersion());
        }
        return credentials;
    }

    private static ApiError notConfigured(String appId, ChannelType type) {
        return ApiError.notFound("The " + type + " channel of application " + appId + " is not configured");
    }

    private record CacheKey(String appId, ChannelType type) {
    }

    private record CacheEntry(Instant readAt, Optional<Channel> channel, Optional<ResolvedChannel> resolved) {
    }
}
