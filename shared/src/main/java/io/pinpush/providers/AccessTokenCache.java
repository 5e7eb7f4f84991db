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

    /** A token request and its value as callers get it, made together so every caller shares one future. */
    private record Minting(CompletableFuture<AccessToken> token, CompletableFuture<String> value) {
    }

    private final Supplier<CompletableFuture<AccessToken>> mint;
    private final Clock clock;
    /** Written under the lock; read without it on the hot path (one read per push while the token is fresh). */
    private volatile Minting current;

    public AccessTokenCache(Supplier<CompletableFuture<AccessToken>> mint, Clock clock) {
        this.mint = mint;
        this.clock = clock;
    }

    public CompletableFuture<String> token() {
        Minting minting = current;
        if (minting != null && usable(minting)) {
            return minting.value();
        }
        return tokenLocked();
    }

    private synchronized CompletableFuture<String> tokenLocked() {
        Minting minting = current;
        if (minting == null || minting.token().isCompletedExceptionally()
                || (minting.token().isDone() && expiresSoon(minting.token().join()))) {
            CompletableFuture<AccessToken> token = mint.get();
            minting = new Minting(token, token.thenApply(AccessToken::value));
            current = minting;
        }
        return minting.value();
    }

    /** The provider refused {@code token} (401): forget it so the next call mints a new one. */
    public synchronized void invalidate(String token) {
        Minting minting = current;
        if (minting != null && minting.token().isDone() && !minting.token().isCompletedExceptionally()
                && minting.token().join().value().equals(token)) {
            current = null;
        }
    }

    /** Minted, and not about to expire. A request still in flight is left to the lock, where callers join it. */
    private boolean usable(Minting minting) {
        CompletableFuture<AccessToken> token = minting.token();
        return token.isDone() && !token.isCompletedExceptionally() && !expiresSoon(token.join());
    }

    private boolean expiresSoon(AccessToken token) {
        return !clock.instant().isBefore(token.expiresAt().minus(REFRESH_BEFORE_EXPIRY));
    }
}
