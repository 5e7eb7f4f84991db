package io.pinpush.bench;

import com.eatthepath.pushy.apns.server.AcceptAllPushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import io.pinpush.api.Json;
import io.pinpush.channels.ChannelType;
import io.pinpush.endpoints.EndpointDemographic;
import io.pinpush.endpoints.EndpointRequest;
import io.pinpush.local.LocalOptions;
import io.pinpush.local.LocalServer;
import io.pinpush.local.standins.StandInTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * What every benchmark runs against: Pushy's MockApnsServer on loopback (TLS with the stand-in certificate, token
 * authentication, accepting everything, recording nothing but a count, so the provider side costs the same for every
 * contender),
 * and the local server (DynamoDB Local, ElasticMQ, production handlers) pointed at it, with one app whose APNs
 * channel holds a token key.
 */
final class BenchStack implements AutoCloseable {

    static final String BUNDLE_ID = "com.example.pinpush.bench";
    static final String TEAM_ID = "TEAMBENCH1";
    static final String KEY_ID = "KEYBENCH01";

    final MockApnsServer apns;
    /** Notifications the mock server accepted (a campaign benchmark checks it received exactly N). */
    final LongAdder apnsAccepted = new LongAdder();
    final int apnsPort;
    final String signingKeyPem;
    final LocalServer server;
    final String appId;
    private final HttpClient http = HttpClient.newHttpClient();

    BenchStack(Map<String, String> extraSettings) throws Exception {
        apns = new MockApnsServerBuilder()
                .setServerCredentials(StandInTls.serverCertificateChain(), StandInTls.serverKey(), null)
                .setHandlerFactory(new AcceptAllPushNotificationHandlerFactory())
                .setListener(new MockApnsServerListener() {
                    @Override
                    public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
                        apnsAccepted.increment();
                    }

                    @Override
                    public void handlePushNotificationRejected(Http2Headers headers, ByteBuf payload,
                                                               RejectionReason reason, Instant deviceTokenExpiration) {
                    }
                })
                .build();
        apnsPort = apns.start(0).get();
        signingKeyPem = newSigningKeyPem();
        LocalOptions options = LocalOptions.defaults().withPort(0).inMemoryStorage()
                .with("PINPUSH_APNS_ENDPOINT", "localhost:" + apnsPort)
                .with("PINPUSH_APNS_SANDBOX_ENDPOINT", "localhost:" + apnsPort)
                .with("PINPUSH_APNS_TRUSTED_CERT", StandInTls.caFile().toString());
        for (var setting : extraSettings.entrySet()) {
            options = options.with(setting.getKey(), setting.getValue());
        }
        server = LocalServer.start(options);
        appId = call("POST", "/v1/apps", "{\"Name\":\"bench\"}").path("Id").asText();
        call("PUT", "/v1/apps/" + appId + "/channels/apns", Json.write(Map.of(
                "Enabled", true, "DefaultAuthenticationMethod", "TOKEN", "BundleId", BUNDLE_ID,
                "TeamId", TEAM_ID, "TokenKeyId", KEY_ID, "TokenKey", signingKeyPem)));
    }

    /** One Pinpoint REST call to the local server, raw HTTP; a non-2xx answer aborts the benchmark. */
    JsonNode call(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.mapper().readTree(response.body());
    }

    /**
     * Writes ACTIVE APNs endpoints {@code e-0000000} to {@code e-<n-1>} (random tokens, the platform given per index)
     * the way import jobs do (EndpointService's bulk path: BatchWriteItem for new endpoints, pieces of 2,000 rows like
     * an import job's), the quickest way in; any refused row aborts the benchmark.
     */
    void seedApnsEndpoints(int n, IntFunction<String> platform) {
        for (int from = 0; from < n; from += 2000) {
            List<Map.Entry<String, EndpointRequest>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 2000); i++) {
                EndpointRequest endpoint = new EndpointRequest(randomApnsToken(), null, ChannelType.APNS,
                        new EndpointDemographic(null, null, null, null, null, platform.apply(i), null, null),
                        null, "ACTIVE", null, null, "NONE", null, null);
                batch.add(Map.entry("e-%07d".formatted(i), endpoint));
            }
            Map<Integer, String> refused = server.pinpush().endpoints().importBatch(appId, batch);
            if (!refused.isEmpty()) {
                throw new IllegalStateException("Seeding refused " + refused.size() + " rows, e.g. " + refused.values().iterator().next());
            }
        }
    }

    /** A segment of the bench app selecting endpoints by {@code Demographic.Platform}; returns its id. */
    String createPlatformSegment(String platform) throws IOException, InterruptedException {
        return call("POST", "/v1/apps/" + appId + "/segments", Json.write(Map.of("Name", "bench-" + platform,
                "Dimensions", Map.of("Demographic", Map.of("Platform", Map.of(
                        "DimensionType", "INCLUSIVE", "Values", List.of(platform))))))).path("Id").asText();
    }

    static String randomApnsToken() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String newSigningKeyPem() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        PrivateKey key = generator.generateKeyPair().getPrivate();
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    @Override
    public void close() {
        server.close();
        apns.shutdown().join();
    }
}
