package io.pinpush.campaigns.run;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Splits a campaign's audience into the holdout and the treatments, deterministically per endpoint: the endpoint's
 * place on [0, 100) is a SHA-256 of {@code campaignId:endpointId}, so the same endpoint lands in the same treatment
 * on every run and in every process, and two campaigns split the same audience independently.
 *
 * <p>The line is laid out as: HoldoutPercent first, then each additional treatment by its SizePercent (in the
 * order of AdditionalTreatments), and the default treatment takes what is left, as in Pinpoint.
 */
public final class AudienceSplit {

    /** One treatment's share of the line, in percent. */
    public record Share(String treatmentId, double sizePercent) {
    }

    private final String campaignId;
    private final double holdoutPercent;
    private final List<Share> additional;
    private final String defaultTreatmentId;

    public AudienceSplit(String campaignId, Integer holdoutPercent, List<Share> additional, String defaultTreatmentId) {
        this.campaignId = campaignId;
        this.holdoutPercent = holdoutPercent == null ? 0 : holdoutPercent;
        this.additional = List.copyOf(additional);
        this.defaultTreatmentId = defaultTreatmentId;
    }

    /** The treatment the endpoint gets, or empty when it is held out. */
    public Optional<String> treatmentOf(String endpointId) {
        double place = place(campaignId, endpointId);
        if (place < holdoutPercent) {
            return Optional.empty();
        }
        double upTo = holdoutPercent;
        for (Share share : additional) {
            upTo += share.sizePercent();
            if (place < upTo) {
                return Optional.of(share.treatmentId());
            }
        }
        return Optional.of(defaultTreatmentId);
    }

    /** The endpoint's place in [0, 100): the first 8 bytes of the digest as an unsigned fraction. */
    static double place(String campaignId, String endpointId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((campaignId + ":" + endpointId).getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(digest).getLong() >>> 11; // 53 bits: exact in a double
            return bits / (double) (1L << 53) * 100.0;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM provides SHA-256", e);
        }
    }
}
