package io.pinpush.endpoints;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Values derived from an endpoint id alone: its shard and its cohort.
 *
 * <p>Both must be the same in every process, forever (a shard is where the endpoint is stored, a cohort
 * decides which campaign treatment it gets), so they come from SHA-256 rather than {@code String.hashCode}.
 * Shard and cohort use different halves of the digest so that they are independent of each other.
 */
public final class EndpointHashing {

    /** Pinpoint's CohortId is "0" to "99". */
    public static final int COHORTS = 100;

    private EndpointHashing() {
    }

    /** The shard, in {@code [0, shards)}, that stores this endpoint. */
    public static int shard(String endpointId, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("An app has at least one endpoint shard, got " + shards);
        }
        return (int) Math.floorMod(digest(endpointId).getLong(0), (long) shards);
    }

    /** The endpoint's CohortId, "0" to "99". */
    public static String cohort(String endpointId) {
        return Integer.toString((int) Math.floorMod(digest(endpointId).getLong(Long.BYTES), (long) COHORTS));
    }

    private static ByteBuffer digest(String endpointId) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256")
                    .digest(endpointId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM provides SHA-256", e);
        }
    }
}
