package io.pinpush.api;

import java.util.UUID;

/** Identifiers in Pinpoint's style: 32 lower-case hex characters. */
public final class Ids {

    private Ids() {
    }

    public static String newId() {
        UUID uuid = UUID.randomUUID();
        return String.format("%016x%016x", uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }
}
