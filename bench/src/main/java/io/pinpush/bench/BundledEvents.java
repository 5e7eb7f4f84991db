package io.pinpush.bench;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.pinpush.channels.ChannelType;
import io.pinpush.messaging.Delivery;
import io.pinpush.messaging.DeliveryBundle;
import io.pinpush.messaging.DeliveryTarget;
import io.pinpush.providers.RenderedPush;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * What the dispatcher function receives for N deliveries of one send: the bodies the send function queues
 * (bundles of up to ten), ten messages to an SQSEvent like a full Lambda batch. Uses only classes of the Lambda jar.
 */
final class BundledEvents {

    static final String PAYLOAD = "{\"aps\":{\"alert\":{\"title\":\"Game Request\",\"body\":\"Bob wants to play poker\"},"
            + "\"sound\":\"default\"},\"data\":{\"pinpoint.campaign.campaign_id\":\"_DIRECT\"}}";
    static final Map<String, String> HEADERS = Map.of("apns-push-type", "alert", "apns-priority", "10");

    private BundledEvents() {
    }

    /** N APNs deliveries; delivery i goes to {@code tokens[i % size]}. */
    static List<SQSEvent> of(String appId, List<String> tokens, int n) {
        return of(appId, tokens, n, BundledEvents::apns);
    }

    static RenderedPush apns(String token) {
        return new RenderedPush(ChannelType.APNS, token, PAYLOAD, HEADERS, null);
    }

    /**
     * N deliveries, delivery i rendered by {@code push} for {@code tokens[i % size]}; a fresh request id, so
     * nothing is already recorded.
     */
    static List<SQSEvent> of(String appId, List<String> tokens, int n, Function<String, RenderedPush> push) {
        String requestId = UUID.randomUUID().toString();
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RenderedPush rendered = push.apply(tokens.get(i % tokens.size()));
            deliveries.add(new Delivery(appId, requestId, i,
                    DeliveryTarget.address(rendered.address(), rendered.channelType()), "bench-" + requestId, rendered,
                    Instant.now().toString()));
        }
        List<DeliveryBundle> bundles = DeliveryBundle.pack(deliveries);
        List<SQSEvent> events = new ArrayList<>();
        for (int from = 0; from < bundles.size(); from += 10) {
            List<SQSEvent.SQSMessage> records = new ArrayList<>();
            for (int i = from; i < Math.min(bundles.size(), from + 10); i++) {
                SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
                record.setMessageId(UUID.randomUUID().toString());
                record.setReceiptHandle("bench-" + i);
                record.setBody(bundles.get(i).body());
                record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
                record.setEventSource("aws:sqs");
                records.add(record);
            }
            SQSEvent event = new SQSEvent();
            event.setRecords(records);
            events.add(event);
        }
        return events;
    }
}
