package io.pinpush.messaging;

import io.pinpush.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Several deliveries of one send (or one campaign batch) in the body of one delivery-queue message.
 *
 * <p>One message per delivery made a Lambda batch of ten messages ten pushes, so an instance had at most ten in
 * flight, and every delivery cost three SQS requests (send, receive, delete). Bundled, a batch of ten messages
 * carries up to a hundred deliveries and a delivery costs a tenth of the requests. Each delivery is still settled on
 * its own: the dispatcher's recorded-check skips the members a previous attempt already recorded, so a bundle that
 * comes back for one throttled member pushes only that one again.
 *
 * <p>A bundle of one is written as a plain {@link Delivery}, the body older versions queued, so both shapes are read.
 *
 * @param body  the message body
 * @param bytes the body's size in UTF-8 (at most; what SQS's limits count)
 */
public record DeliveryBundle(List<Delivery> deliveries, String body, int bytes) {

    /** Deliveries in one message: ten messages of a full Lambda batch make a hundred, one BatchGetItem's worth. */
    static final int MAX_DELIVERIES = 10;
    /** Ten bundles of this size still fit one SendMessageBatch call (256 KB for the whole request). */
    static final int MAX_BODY_BYTES = 25_000;

    private static final String PREFIX = "{\"Deliveries\":[";

    public DeliveryBundle {
        deliveries = List.copyOf(deliveries);
    }

    /** Packs deliveries in order into bundles of at most {@link #MAX_DELIVERIES} and {@link #MAX_BODY_BYTES}. */
    public static List<DeliveryBundle> pack(List<Delivery> deliveries) {
        List<DeliveryBundle> bundles = new ArrayList<>();
        List<Delivery> members = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        int bytes = PREFIX.length() + 2;
        for (Delivery delivery : deliveries) {
            // Each delivery is serialized once; a bundle's body is its members' JSON joined.
            String json = Json.write(delivery);
            int size = json.getBytes(StandardCharsets.UTF_8).length + 1;
            if (!members.isEmpty() && (members.size() == MAX_DELIVERIES || bytes + size > MAX_BODY_BYTES)) {
                bundles.add(of(members, bodies, bytes));
                members = new ArrayList<>();
                bodies = new ArrayList<>();
                bytes = PREFIX.length() + 2;
            }
            members.add(delivery);
            bodies.add(json);
            bytes += size;
        }
        if (!members.isEmpty()) {
            bundles.add(of(members, bodies, bytes));
        }
        return bundles;
    }

    /** One delivery alone, in the single-delivery shape. */
    public static DeliveryBundle single(Delivery delivery) {
        String body = Json.write(delivery);
        return new DeliveryBundle(List.of(delivery), body, body.getBytes(StandardCharsets.UTF_8).length);
    }

    /**
     * The deliveries a message body holds: a bundle's members, or the one delivery of a plain body.
     *
     * @throws RuntimeException when the body is neither
     */
    public static List<Delivery> read(String body) {
        if (!body.startsWith(PREFIX)) {
            return List.of(Json.read(body, Delivery.class));
        }
        List<Delivery> members = Json.read(body, Members.class).deliveries();
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("a bundle without deliveries");
        }
        return members;
    }

    /** The JSON shape of a bundle's body. */
    record Members(List<Delivery> deliveries) {
    }

    private static DeliveryBundle of(List<Delivery> members, List<String> bodies, int bytes) {
        String body = members.size() == 1 ? bodies.get(0) : PREFIX + String.join(",", bodies) + "]}";
        return new DeliveryBundle(members, body, bytes);
    }
}
