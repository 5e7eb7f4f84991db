package io.pinpush.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (8): one campaign to a segment of N endpoints through the real campaign path on the local server:
 * CreateCampaign (IMMEDIATE, ONCE) over the API, the in-process tick (every second here) claims the run, the campaign
 * runner drains one work item per endpoint shard (render, claim, queue), the dispatcher pollers push to the mock APNs
 * server and record each outcome, and the activity's counters follow. Timed from CreateCampaign until every
 * delivery has an outcome; then the counts must be exact: TotalEndpointCount = SuccessfulEndpointCount = N and the
 * mock server accepted N notifications (no more: a duplicate push fails the benchmark too).
 *
 * <p>Usage: {@code CampaignScale [N=100000]}
 */
public final class CampaignScale {

    /** Give up when no delivery finished for this long (a lost work item or delivery would otherwise hang). */
    private static final long STALL_NANOS = 120_000_000_000L;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        // A mock server slowed by a loaded machine must not turn into a provider retry (a second push).
        try (BenchStack stack = new BenchStack(Map.of("PINPUSH_LOCAL_CAMPAIGN_TICK", "PT1S",
                "PINPUSH_PROVIDER_TIMEOUT", "PT30S"))) {
            long seedStart = System.nanoTime();
            stack.seedApnsEndpoints(n, i -> "ios");
            System.out.printf("seeded %,d endpoints in %.1f s (not counted)%n", n, (System.nanoTime() - seedStart) / 1e9);
            String segmentId = stack.createPlatformSegment("ios");
            String campaigns = "/v1/apps/" + stack.appId + "/campaigns";

            long start = System.nanoTime();
            String campaignId = stack.call("POST", campaigns, Json.write(Map.of("Name", "bench", "SegmentId", segmentId,
                    "Schedule", Map.of("StartTime", "IMMEDIATE", "Frequency", "ONCE"),
                    "MessageConfiguration", Map.of("APNSMessage", Map.of(
                            "Action", "OPEN_APP", "Title", "Bench", "Body", "Campaign benchmark")))))
                    .path("Id").asText();
            long firstPush = 0;
            long lastProgress = start;
            long seen = 0;
            JsonNode activity = null;
            while (activity == null || activity.path("SuccessfulEndpointCount").asLong() < n) {
                Thread.sleep(200);
                long now = System.nanoTime();
                long accepted = stack.apnsAccepted.sum();
                if (firstPush == 0 && accepted > 0) firstPush = now;
                if (accepted != seen) {
                    seen = accepted;
                    lastProgress = now;
                } else if (now - lastProgress > STALL_NANOS) {
                    throw new IllegalStateException("Stalled at " + accepted + " of " + n + " pushes; activity " + activity);
                }
                List<JsonNode> items = activities(stack, campaigns + "/" + campaignId + "/activities");
                activity = items.isEmpty() ? null : items.get(0);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double pushing = (System.nanoTime() - firstPush) / 1e9;

            Thread.sleep(2000); // late duplicates would arrive now
            List<JsonNode> items = activities(stack, campaigns + "/" + campaignId + "/activities");
            activity = items.get(0);
            long accepted = stack.apnsAccepted.sum();
            if (items.size() != 1 || activity.path("TotalEndpointCount").asLong() != n
                    || activity.path("SuccessfulEndpointCount").asLong() != n || accepted != n) {
                throw new IllegalStateException("Expected " + n + " everywhere; mock APNs accepted " + accepted
                        + ", activities " + items);
            }
            System.out.printf("first push after %.1f s; activity %s%n", seconds - pushing, activity.path("State").asText());
            System.out.printf("RESULT campaign-scale N=%d: %.1f s from CreateCampaign to the last outcome, %,.0f pushes/s"
                    + " end to end (%,.0f pushes/s from the first push)%n", n, seconds, n / seconds, n / pushing);
        }
        System.exit(0); // DynamoDB Local and ElasticMQ leave non-daemon threads behind
    }

    private static List<JsonNode> activities(BenchStack stack, String path) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        stack.call("GET", path, "").path("Item").forEach(items::add);
        return items;
    }
}
