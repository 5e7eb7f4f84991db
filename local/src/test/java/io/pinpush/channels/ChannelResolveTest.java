package io.pinpush.channels;

import static io.pinpush.channels.ChannelApiTest.newApp;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.local.LocalServer;
import io.pinpush.testing.MotoServer;
import io.pinpush.testing.MutableClock;
import io.pinpush.testing.PinpushExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/** What the dispatcher sees through {@link ChannelService#resolve}, and updates that race each other. */
@ExtendWith(PinpushExtension.class)
class ChannelResolveTest {

    private static final Duration TTL = Duration.ofSeconds(30);

    @Test
    void anUpdateReachesTheDispatcherOnceTheCacheTtlHasPassed(PinpointClient pinpoint, LocalServer server) {
        String appId = newApp(pinpoint);
        ChannelCalls.update(pinpoint, appId, ChannelType.GCM, Map.of("Enabled", true, "ApiKey", "first-key"));
        MutableClock clock = new MutableClock(Instant.now());
        ChannelService dispatcher = dispatcherProcess(server, clock);
        assertThat(apiKey(dispatcher.resolve(appId, ChannelType.GCM).orElseThrow())).isEqualTo("first-key");

        ChannelCalls.update(pinpoint, appId, ChannelType.GCM, Map.of("ApiKey", "second-key"));

        assertThat(apiKey(dispatcher.resolve(appId, ChannelType.GCM).orElseThrow())).as("within the TTL")
                .isEqualTo("first-key");
        clock.advance(TTL.plusMillis(1));
        ResolvedChannel refreshed = dispatcher.resolve(appId, ChannelType.GCM).orElseThrow();
        assertThat(apiKey(refreshed)).isEqualTo("second-key");
        assertThat(refreshed.version()).isEqualTo(2);
        assertThat(refreshed.enabled()).isTrue();
    }

    @Test
    void unchangedCredentialsAreNotReadFromTheSecretStoreAgain(PinpointClient pinpoint, LocalServer server,
                                                              MotoServer moto) {
        String appId = newApp(pinpoint);
        ChannelCalls.update(pinpoint, appId, ChannelType.ADM, Map.of("ClientId", "id", "ClientSecret", "secret"));
        MutableClock clock = new MutableClock(Instant.now());
        ChannelService dispatcher = dispatcherProcess(server, clock);
        ResolvedChannel first = dispatcher.resolve(appId, ChannelType.ADM).orElseThrow();

        ChannelCalls.update(pinpoint, appId, ChannelType.ADM, Map.of("Enabled", false));
        // Pull the secret from under the channel: only a re-read of the secret could notice.
        moto.secretsManager().deleteSecret(b -> b.secretId(server.pinpush().config().secretPrefix()
                + "apps/" + appId + "/channels/ADM").forceDeleteWithoutRecovery(true));
        clock.advance(TTL.plusMillis(1));
        ResolvedChannel afterToggle = dispatcher.resolve(appId, ChannelType.ADM).orElseThrow();

        assertThat(afterToggle.version()).as("metadata read again").isEqualTo(2);
        assertThat(afterToggle.enabled()).isFalse();
        assertThat(afterToggle.credentials()).as("secret not read again").isEqualTo(first.credentials());
    }

    @Test
    void unconfiguredAndNonPushChannelsDoNotResolve(PinpointClient pinpoint, LocalServer server) {
        String appId = newApp(pinpoint);

        assertThat(server.pinpush().channels().resolve(appId, ChannelType.APNS)).isEmpty();
        assertThat(server.pinpush().channels().resolve(appId, ChannelType.SMS)).isEmpty();
        assertThat(server.pinpush().channels().resolve("0123456789abcdef0123456789abcdef", ChannelType.GCM)).isEmpty();
    }

    @Test
    void concurrentUpdatesOfDifferentApnsCredentialsAreBothKept(PinpointClient pinpoint, LocalServer server)
            throws Exception {
        for (int round = 0; round < 5; round++) {
            String appId = newApp(pinpoint);

            List<ChannelCalls.View> results = race(
                    () -> ChannelCalls.update(pinpoint, appId, ChannelType.APNS, ValidCredentials.token().members()),
                    () -> ChannelCalls.update(pinpoint, appId, ChannelType.APNS,
                            ValidCredentials.certificate("apns-rsa-cert.pem", "apns-rsa-key-pkcs8.pem").members()));

            ChannelCredentials.Apns apns = (ChannelCredentials.Apns) server.pinpush().channels()
                    .resolve(appId, ChannelType.APNS).orElseThrow().credentials();
            assertThat(apns.tokenKey()).as("round %d: token key kept", round).isPresent();
            assertThat(apns.certificate()).as("round %d: certificate kept", round).isPresent();
            assertThat(results).extracting(ChannelCalls.View::version).containsExactlyInAnyOrder(1, 2);
        }
    }

    @Test
    void concurrentTogglesEachGetTheirOwnVersion(PinpointClient pinpoint) throws Exception {
        String appId = newApp(pinpoint);
        ChannelCalls.update(pinpoint, appId, ChannelType.BAIDU, ValidCredentials.forChannel(ChannelType.BAIDU).members());
        List<Supplier<ChannelCalls.View>> toggles = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean enabled = i % 2 == 0;
            toggles.add(() -> ChannelCalls.update(pinpoint, appId, ChannelType.BAIDU, Map.of("Enabled", enabled)));
        }

        List<ChannelCalls.View> results = race(toggles.toArray(Supplier[]::new));

        Set<Integer> versions = new HashSet<>();
        results.forEach(view -> versions.add(view.version()));
        assertThat(versions).containsExactlyInAnyOrder(2, 3, 4, 5);
        assertThat(ChannelCalls.get(pinpoint, appId, ChannelType.BAIDU).version()).isEqualTo(5);
    }

    /** A second view of the same stores, as the dispatcher Lambda has: its cache sees no API-side invalidation. */
    private static ChannelService dispatcherProcess(LocalServer server, Clock clock) {
        var pinpush = server.pinpush();
        return new ChannelService(pinpush.apps(), new ChannelStore(pinpush.aws().dynamoDb(), pinpush.config()),
                new ChannelSecrets(pinpush.secrets(), pinpush.config().secretPrefix()), clock, TTL);
    }

    private static String apiKey(ResolvedChannel channel) {
        return ((ChannelCredentials.GcmApiKey) channel.credentials()).apiKey();
    }

    /** Runs the calls at the same moment on their own threads and returns their results. */
    @SafeVarargs
    private static <T> List<T> race(Supplier<T>... calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Supplier<T> call : calls) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.get();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
