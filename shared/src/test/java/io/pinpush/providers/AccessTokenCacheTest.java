package io.pinpush.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.providers.AccessTokenCache.AccessToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AccessTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Every token request the cache made, completed by the test. */
    private final List<CompletableFuture<AccessToken>> mints = new ArrayList<>();
    private final AccessTokenCache cache = new AccessTokenCache(() -> {
        CompletableFuture<AccessToken> mint = new CompletableFuture<>();
        synchronized (mints) {
            mints.add(mint);
        }
        return mint;
    }, clock);

    private static AccessToken validForAnHour(String value) {
        return validFor(value, Duration.ofHours(1));
    }

    private static AccessToken validFor(String value, Duration lifetime) {
        return new AccessToken(value, NOW.plus(lifetime));
    }

    @Test
    void callersWhileATokenIsMintedShareTheOneRequest() {
        CompletableFuture<String> first = cache.token();
        CompletableFuture<String> second = cache.token();

        assertThat(mints).hasSize(1);
        assertThat(first).isNotDone();
        mints.get(0).complete(validForAnHour("t1"));
        assertThat(first).isCompletedWithValue("t1");
        assertThat(second).isCompletedWithValue("t1");
    }

    @Test
    void aTokenIsReusedUntilFiveMinutesBeforeItExpires() {
        cache.token();
        mints.get(0).complete(validFor("t1", Duration.ofMinutes(5).plusSeconds(1)));

        assertThat(cache.token()).isCompletedWithValue("t1");
        assertThat(mints).hasSize(1);
    }

    @Test
    void aTokenFiveMinutesFromExpiryIsReplaced() {
        cache.token();
        mints.get(0).complete(validFor("t1", Duration.ofMinutes(5)));

        CompletableFuture<String> refreshed = cache.token();
        assertThat(mints).hasSize(2);
        mints.get(1).complete(validForAnHour("t2"));
        assertThat(refreshed).isCompletedWithValue("t2");
        assertThat(cache.token()).isCompletedWithValue("t2");
        assertThat(mints).hasSize(2);
    }

    @Test
    void aFailedRequestIsNotCached() {
        CompletableFuture<String> failed = cache.token();
        mints.get(0).completeExceptionally(new TokenFailure("token endpoint down", true));
        assertThat(failed).isCompletedExceptionally();

        CompletableFuture<String> retried = cache.token();
        assertThat(mints).hasSize(2);
        mints.get(1).complete(validForAnHour("t2"));
        assertThat(retried).isCompletedWithValue("t2");
    }

    @Test
    void anInvalidatedTokenIsReplacedButAnOlderOneDoesNotEvictTheCurrent() {
        cache.token();
        mints.get(0).complete(validForAnHour("t1"));

        cache.invalidate("t1");
        CompletableFuture<String> replaced = cache.token();
        assertThat(mints).hasSize(2);
        mints.get(1).complete(validForAnHour("t2"));
        assertThat(replaced).isCompletedWithValue("t2");

        cache.invalidate("t1");
        assertThat(cache.token()).isCompletedWithValue("t2");
        assertThat(mints).hasSize(2);
    }

    @Test
    void manyThreadsAskingAtOnceMintOnceAndAllGetTheToken() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CompletableFuture<String>>> asked = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                asked.add(pool.submit(() -> {
                    start.await();
                    return cache.token();
                }));
            }
            start.countDown();
            List<CompletableFuture<String>> tokens = new ArrayList<>();
            for (Future<CompletableFuture<String>> future : asked) {
                tokens.add(future.get(10, TimeUnit.SECONDS));
            }
            assertThat(mints).hasSize(1);
            mints.get(0).complete(validForAnHour("t1"));
            assertThat(tokens).allSatisfy(token -> assertThat(token).isCompletedWithValue("t1"));
        } finally {
            pool.shutdownNow();
        }
    }
}
