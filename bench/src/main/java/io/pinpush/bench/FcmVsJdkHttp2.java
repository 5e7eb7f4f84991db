package io.pinpush.bench;

import io.pinpush.api.Json;
import io.pinpush.channels.ChannelType;
import io.pinpush.local.standins.FcmStandIn;
import io.pinpush.local.standins.StandInTls;
import io.pinpush.messaging.DirectMessageConfiguration;
import io.pinpush.metrics.DeliveryMetrics;
import io.pinpush.providers.Pem;
import io.pinpush.providers.ProviderChannel;
import io.pinpush.providers.ProviderGateway;
import io.pinpush.providers.ProviderOutcome;
import io.pinpush.providers.PushRenderer;
import io.pinpush.providers.PushRenderers;
import io.pinpush.providers.RenderRequest;
import io.pinpush.providers.RenderResult;
import io.pinpush.providers.RenderedPush;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Benchmark (2): the Pinpush FCM path against a raw JDK HTTP/2 client, same FCM stand-in (TLS, HTTP/2, checking
 * the bearer token; {@link FcmStandIn#lean()}: recording nothing), same message, same N, alternating.
 *
 * <p>(a) and (b) alternate, and which of them goes first alternates from round to round. Both keep at most
 * {@code 10 x C} sends in flight from one submitting thread. (a) one {@code java.net.http.HttpClient} (HTTP/2,
 * trusting the stand-in CA) POSTs the FCM v1 {@code messages:send} body Pinpush renders, with the token spliced
 * in, and a bearer token issued up front. (b) the provider path: per push,
 * the FCM renderer builds the v1 request from the GCMMessage (as the send function does per address), then the
 * production {@link ProviderGateway} sends it (channel and credential lookup through the app's stored GCM channel,
 * the OAuth access-token cache, the HTTP/2 call, response parsing, the provider-latency metric). (c), for
 * information: C threads calling the real dispatcher function with SQS events of 10 GCM deliveries, recording every
 * outcome in DynamoDB Local, as {@link DispatcherVsPushy} does for APNs. The 0.8 target is judged on b/a.
 *
 * <p>Usage: {@code FcmVsJdkHttp2 [N=20000] [C=1] [rounds=3] [provider-only]}; {@code provider-only} leaves (c) out
 * (for profiling (a) and (b) alone).
 */
public final class FcmVsJdkHttp2 {

    private static final String MESSAGE = "{\"GCMMessage\": {\"Action\": \"OPEN_APP\", \"Title\": \"Game Request\","
            + " \"Body\": \"Bob wants to play poker\", \"Priority\": \"high\", \"TimeToLive\": 3600}}";
    private static final Map<String, String> PINPOINT_DATA = Map.of("pinpoint.campaign.campaign_id", "_DIRECT");
    /** Parsed once, as the send function parses a request once for all its addresses. */
    private static final DirectMessageConfiguration CONFIGURATION = Json.read(MESSAGE, DirectMessageConfiguration.class);

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean withDispatcher = !(args.length > 3 && args[3].equals("provider-only"));
        int window = 10 * concurrency;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(fcmToken());
        }
        try (FcmStandIn fcm = FcmStandIn.lean();
             BenchStack stack = new BenchStack(Map.of(
                     "PINPUSH_FCM_ENDPOINT", fcm.endpoint().toString(),
                     "PINPUSH_GCM_LEGACY_ENDPOINT", fcm.legacyEndpoint().toString(),
                     "PINPUSH_FCM_TRUSTED_CERT", StandInTls.caFile().toString()))) {
            FcmStandIn.ServiceAccount account = fcm.createServiceAccount("bench-project");
            stack.call("PUT", "/v1/apps/" + stack.appId + "/channels/gcm", Json.write(Map.of(
                    "Enabled", true, "DefaultAuthenticationMethod", "TOKEN", "ServiceJson", account.json())));
            PushRenderer renderer = new PushRenderers(stack.server.pinpush().clock());
            RawJdkHttp2 raw = new RawJdkHttp2(fcm, account, renderer);
            ProviderPath provider = new ProviderPath(stack, renderer);
            DispatcherVsPushy.DispatcherRun dispatcher = new DispatcherVsPushy.DispatcherRun(stack, concurrency,
                    token -> render(renderer, token));
            System.out.printf("N=%d, C=%d (in flight <= %d), rounds=%d%n", n, concurrency, window, rounds);
            // Warm-up, not counted: JIT, connection and access token. (a) and (b) twice each, alternating: after a
            // single pass the first counted run was still about a third slower, whichever contender it was.
            int warmUp = Math.min(n, 5000);
            for (int pass = 0; pass < 2; pass++) {
                raw.run(tokens, warmUp, window);
                provider.run(tokens, warmUp, window);
            }
            if (withDispatcher) {
                dispatcher.run(tokens, warmUp, null);
            }
            List<Double> a = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            List<Double> c = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                // Which goes first alternates: the first run of a round was the slower one either way.
                double rawRate;
                double providerRate;
                if (round % 2 == 1) {
                    rawRate = raw.run(tokens, n, window);
                    providerRate = provider.run(tokens, n, window);
                } else {
                    providerRate = provider.run(tokens, n, window);
                    rawRate = raw.run(tokens, n, window);
                }
                a.add(rawRate);
                b.add(providerRate);
                String line = "round %d: (a) raw JDK HTTP/2 %,.0f pushes/s   (b) provider path %,.0f pushes/s   b/a %.2f"
                        .formatted(round, rawRate, providerRate, providerRate / rawRate);
                if (withDispatcher) {
                    double dispatcherRate = dispatcher.run(tokens, n, null);
                    c.add(dispatcherRate);
                    line += "   (c) dispatcher %,.0f pushes/s   c/a %.2f".formatted(dispatcherRate, dispatcherRate / rawRate);
                }
                System.out.println(line);
            }
            int paths = withDispatcher ? 3 : 2;
            long expected = (long) paths * rounds * n + (withDispatcher ? 5L : 4L) * warmUp;
            if (fcm.acceptedSends() != expected) {
                throw new IllegalStateException("The stand-in accepted " + fcm.acceptedSends() + " sends, expected " + expected);
            }
            double medianA = Stats.median(a);
            double medianB = Stats.median(b);
            String result = "RESULT fcm-vs-jdk-http2 N=%d C=%d: raw JDK HTTP/2 %,.0f/s, provider path %,.0f/s, ratio b/a %.2f"
                    .formatted(n, concurrency, medianA, medianB, medianB / medianA);
            if (withDispatcher) {
                double medianC = Stats.median(c);
                result += "; dispatcher %,.0f/s, c/a %.2f".formatted(medianC, medianC / medianA);
            }
            System.out.println(result + " (medians of " + rounds + ")");
        }
        System.exit(0); // DynamoDB Local and ElasticMQ leave non-daemon threads behind
    }

    /** The v1 request Pinpush sends to {@code token} for {@link #MESSAGE}. */
    static RenderedPush render(PushRenderer renderer, String token) {
        RenderResult result = renderer.render(new RenderRequest(ChannelType.GCM, token, null,
                CONFIGURATION, null, null, null, null, null, PINPOINT_DATA));
        if (result instanceof RenderResult.Rendered rendered) {
            return rendered.push();
        }
        throw new IllegalStateException("The bench message did not render: " + result);
    }

    private static String fcmToken() {
        return "bench" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ":APA91b"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** (a): the JDK HttpClient alone. The body is Pinpush's rendering of the message, the token spliced in per send. */
    static final class RawJdkHttp2 {
        private final HttpClient client;
        private final URI uri;
        private final String authorization;
        private final String bodyBefore;
        private final String bodyAfter;

        RawJdkHttp2(FcmStandIn fcm, FcmStandIn.ServiceAccount account, PushRenderer renderer) throws Exception {
            this.client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_2)
                    .sslContext(Pem.trusting(Files.readString(StandInTls.caFile())))
                    .build();
            this.uri = URI.create(fcm.endpoint() + "/v1/projects/" + account.projectId() + "/messages:send");
            this.authorization = "Bearer " + fcm.issueAccessToken(account);
            String placeholder = "PLACEHOLDER-TOKEN";
            String body = render(renderer, placeholder).body();
            int at = body.indexOf(placeholder);
            this.bodyBefore = body.substring(0, at);
            this.bodyAfter = body.substring(at + placeholder.length());
        }

        double run(List<String> tokens, int n, int window) throws InterruptedException {
            return InFlightWindow.run("raw JDK HTTP/2", n, window, i -> client.sendAsync(HttpRequest.newBuilder(uri)
                            .header("Authorization", authorization)
                            .header("Content-Type", "application/json; charset=UTF-8")
                            .POST(HttpRequest.BodyPublishers.ofString(bodyBefore + tokens.get(i % tokens.size()) + bodyAfter))
                            .build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> response.statusCode() == 200));
        }
    }

    /**
     * (b): render, then the production gateway, wired as {@code Pinpush} wires it (the app's stored channel through
     * the channel service's cache, provider latencies into {@link DeliveryMetrics}).
     */
    static final class ProviderPath {
        private final BenchStack stack;
        private final PushRenderer renderer;
        private final DeliveryMetrics metrics = DeliveryMetrics.toStandardOutput();
        private final ProviderGateway gateway;

        ProviderPath(BenchStack stack, PushRenderer renderer) {
            this.stack = stack;
            this.renderer = renderer;
            var channels = stack.server.pinpush().channels();
            this.gateway = new ProviderGateway(stack.server.pinpush().config(), (appId, type) -> channels.resolve(appId, type)
                    .map(c -> new ProviderChannel(c.appId(), c.type(), c.enabled(), c.version(), c.credentials())),
                    stack.server.pinpush().clock(), metrics);
        }

        double run(List<String> tokens, int n, int window) throws InterruptedException {
            double rate = InFlightWindow.run("provider path", n, window, i -> gateway.send(stack.appId, render(renderer, tokens.get(i % tokens.size())))
                    .thenApply(outcome -> outcome instanceof ProviderOutcome.Delivered));
            discardMetrics();
            return rate;
        }

        /** A function flushes its metrics once per invocation; here once per run, untimed, and not printed. */
        private void discardMetrics() {
            PrintStream out = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                metrics.flush();
            } finally {
                System.setOut(out);
            }
        }
    }
}
