package io.pinpush.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {

    @Test
    void nothingIsBuiltBeforeTheFirstGet() {
        AtomicInteger builds = new AtomicInteger();
        Lazy<String> lazy = new Lazy<>(() -> "built " + builds.incrementAndGet());

        assertThat(lazy.isCreated()).isFalse();
        assertThat(builds).hasValue(0);
        assertThat(lazy.get()).isEqualTo("built 1");
        assertThat(lazy.isCreated()).isTrue();
    }

    @Test
    void threadsThatAskAtOnceShareOneBuild() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Lazy<Object> lazy = new Lazy<>(() -> {
            builds.incrementAndGet();
            sleep(50); // a slow build (an SDK client), so that the other threads ask while it runs
            return new Object();
        });
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(threads.submit(() -> {
                    start.await();
                    return lazy.get();
                }));
            }
            start.countDown();
            Object first = results.get(0).get();
            for (Future<Object> result : results) {
                assertThat(result.get()).isSameAs(first);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(builds).hasValue(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
