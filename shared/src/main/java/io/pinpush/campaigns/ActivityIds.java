package io.pinpush.campaigns;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/** Ids for campaign activities (runs). */
public final class ActivityIds {

    // SecureRandom rather than ThreadLocalRandom: it is reseeded when a SnapStart snapshot is restored.
    private static final SecureRandom RANDOM = new SecureRandom();

    private ActivityIds() {
    }

    /**
     * A new activity id: 32 lower-case hex characters like every Pinpoint id, the first 12 the creation time in
     * milliseconds, so a campaign's activities sort by creation in the campaigns table.
     */
    public static String newId(Instant created) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        return String.format("%012x", created.toEpochMilli()) + HexFormat.of().formatHex(random);
    }
}
