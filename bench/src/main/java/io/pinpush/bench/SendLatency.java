package io.pinpush.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (3): SendMessages latency through the local server, raw HTTP, with the send function, ElasticMQ, the
 * dispatcher pollers and DynamoDB Local in the loop: the response is timed until it carries every address's
 * outcome. Sends run one after another (no concurrency), so this is latency, not throughput.
 *
 * <p>Usage: {@code SendLatency [sends for 1 address=200] [for 10=100] [for 100=30]}
 */
public final class SendLatency {

    public static void main(String[] args) throws Exception {
        int[] sizes = {1, 10, 100};
        int[] counts = {200, 100, 30};
        for (int i = 0; i < args.length && i < counts.length; i++) {
            counts[i] = Integer.parseInt(args[i]);
        }
        try (BenchStack stack = new BenchStack(Map.of())) {
            for (int i = 0; i < 20; i++) {
                send(stack, 1); // warm-up: JIT, APNs connection, channel cache
                send(stack, 10);
            }
            for (int s = 0; s < sizes.length; s++) {
                List<Double> millis = new ArrayList<>();
                for (int i = 0; i < counts[s]; i++) {
                    millis.add(send(stack, sizes[s]));
                }
                System.out.printf("RESULT send-latency addresses=%d sends=%d: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        sizes[s], counts[s], Stats.percentile(millis, 50), Stats.percentile(millis, 95),
                        Stats.percentile(millis, 99), Stats.percentile(millis, 100));
            }
        }
        System.exit(0); // DynamoDB Local and ElasticMQ leave non-daemon threads behind
    }

    /** One SendMessages call; fails the benchmark unless every address was delivered. */
    static double send(BenchStack stack, int addresses) throws Exception {
        Map<String, Object> to = new LinkedHashMap<>();
        for (int i = 0; i < addresses; i++) {
            to.put(BenchStack.randomApnsToken(), Map.of("ChannelType", "APNS"));
        }
        String body = Json.write(Map.of(
                "Addresses", to,
                "MessageConfiguration", Map.of("APNSMessage", Map.of(
                        "Title", "Game Request", "Body", "Bob wants to play poker", "Sound", "default"))));
        long start = System.nanoTime();
        JsonNode response = stack.call("POST", "/v1/apps/" + stack.appId + "/messages", body);
        double millis = (System.nanoTime() - start) / 1e6;
        JsonNode results = response.path("Result");
        int delivered = 0;
        for (JsonNode result : results) {
            if ("SUCCESSFUL".equals(result.path("DeliveryStatus").asText())) {
                delivered++;
            }
        }
        if (delivered != addresses) {
            throw new IllegalStateException(delivered + " of " + addresses + " delivered: " + response);
        }
        return millis;
    }
}
