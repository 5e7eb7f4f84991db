package io.pinpush.providers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One OAuth2 access token, reused until shortly before it expires (FCM service accounts, ADM client
 * credentials). Concurrent callers share one request for a new token; a failed request is not cached, so the
 * next caller tries again.
 */
public final class AccessTokenCache {

    public static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    public record AccessToken(String value, Instant expiresAt) {
    }

    private final Supplier<CompletableFuture<AccessToken>> mint;
    private final Clock clock;
    private CompletableFuture<AccessToken> current;

    public AccessTokenCache(Supplier<CompletableFuture<AccessToken>> mint, Clock clock) {
        this.mint = mint;
        this.clock = clock;
    }

    public synchronized CompletableFuture<String> token() {
        if (current == null || current.isCompletedExceptionally() || (current.isDone() && expiresSoon(current.join()))) {
            current = mint.get();
        }
        return current.thenApply(AccessToken::value);
    }

    /** The provider refused {@code token} (401): forget it so the next call mints a new one. */
    public synchronized void invalidate(String token) {
        if (current != null && current.isDone() && !current.isCompletedExceptionally()
                && current.join().value().equals(token)) {
            current = null;
        }
    }

    private boolean expiresSoon(AccessToken token) {
        return !clock.instant().isBefore(token.expiresAt().minus(REFRESH_BEFORE_EXPIRY));
    }
}
