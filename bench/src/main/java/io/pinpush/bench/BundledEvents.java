package io.pinpush.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.api.Json;
import io.pinpush.channels.ChannelType;
import io.pinpush.messaging.Delivery;
import io.pinpush.messaging.DeliveryBundle;
import io.pinpush.messaging.DeliveryTarget;
import io.pinpush.providers.RenderedPush;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * What the dispatcher function receives for N deliveries of one send: the bodies the send function queues
 * (bundles of up to ten), ten messages to an SQS event (its bytes, as Lambda hands them) like a full Lambda batch. Uses only classes of the Lambda jar.
 */
final class BundledEvents {

    static final String PAYLOAD = "{\"aps\":{\"alert\":{\"title\":\"Game Request\",\"body\":\"Bob wants to play poker\"},"
            + "\"sound\":\"default\"},\"data\":{\"pinpoint.campaign.campaign_id\":\"_DIRECT\"}}";
    static final Map<String, String> HEADERS = Map.of("apns-push-type", "alert", "apns-priority", "10");

    private BundledEvents() {
    }

    /** N APNs deliveries; delivery i goes to {@code tokens[i % size]}. */
    static List<byte[]> of(String appId, List<String> tokens, int n) {
        return of(appId, tokens, n, BundledEvents::apns);
    }

    static RenderedPush apns(String token) {
        return new RenderedPush(ChannelType.APNS, token, PAYLOAD, HEADERS, null);
    }

    /**
     * N deliveries, delivery i rendered by {@code push} for {@code tokens[i % size]}; a fresh request id, so
     * nothing is already recorded.
     */
    static List<byte[]> of(String appId, List<String> tokens, int n, Function<String, RenderedPush> push) {
        String requestId = UUID.randomUUID().toString();
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RenderedPush rendered = push.apply(tokens.get(i % tokens.size()));
            deliveries.add(new Delivery(appId, requestId, i,
                    DeliveryTarget.address(rendered.address(), rendered.channelType()), "bench-" + requestId, rendered,
                    Instant.now().toString()));
        }
        List<DeliveryBundle> bundles = DeliveryBundle.pack(deliveries);
        List<byte[]> events = new ArrayList<>();
        for (int from = 0; from < bundles.size(); from += 10) {
            ObjectNode event = Json.mapper().createObjectNode();
            ArrayNode records = event.putArray("Records");
            for (int i = from; i < Math.min(bundles.size(), from + 10); i++) {
                ObjectNode record = records.addObject();
                record.put("messageId", UUID.randomUUID().toString());
                record.put("receiptHandle", "bench-" + i);
                record.put("body", bundles.get(i).body());
                record.putObject("attributes").put("ApproximateReceiveCount", "1");
                record.put("eventSource", "aws:sqs");
            }
            events.add(event.toString().getBytes(StandardCharsets.UTF_8));
        }
        return events;
    }

    /** Hands {@code event} to the function as Lambda does; returns how many messages it left on the queue. */
    static int invoke(RequestStreamHandler function, byte[] event, Context context) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            function.handleRequest(new ByteArrayInputStream(event), answer, context);
            return Json.mapper().readTree(answer.toByteArray()).path("batchItemFailures").size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
