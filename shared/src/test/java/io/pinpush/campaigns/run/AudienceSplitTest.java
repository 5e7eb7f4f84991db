package io.pinpush.campaigns.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AudienceSplitTest {

    private static final int ENDPOINTS = 10_000;

    /** Holdout 10%, treatment "1" 30%, treatment "2" 20%: the default treatment "0" gets the remaining 40%. */
    private static AudienceSplit split(String campaignId) {
        return new AudienceSplit(campaignId, 10, List.of(new AudienceSplit.Share("1", 30),
                new AudienceSplit.Share("2", 20)), "0");
    }

    private static Map<String, Integer> counts(AudienceSplit split) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < ENDPOINTS; i++) {
            counts.merge(split.treatmentOf("endpoint-" + i).orElse("holdout"), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void holdoutAndTreatmentsGetTheirShareWithinTwoPercentOfTenThousandEndpoints() {
        Map<String, Integer> counts = counts(split("campaign-a"));

        assertThat(counts.get("holdout")).isBetween(800, 1200);
        assertThat(counts.get("1")).isBetween(2800, 3200);
        assertThat(counts.get("2")).isBetween(1800, 2200);
        assertThat(counts.get("0")).isBetween(3800, 4200);
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(ENDPOINTS);
    }

    @Test
    void anEndpointLandsInTheSameTreatmentOnEveryRunAndInAFreshSplitter() {
        AudienceSplit first = split("campaign-a");
        AudienceSplit again = split("campaign-a");
        for (int i = 0; i < ENDPOINTS; i++) {
            String endpoint = "endpoint-" + i;
            assertThat(again.treatmentOf(endpoint)).isEqualTo(first.treatmentOf(endpoint));
        }
    }

    @Test
    void twoCampaignsSplitTheSameAudienceIndependently() {
        AudienceSplit a = split("campaign-a");
        AudienceSplit b = split("campaign-b");
        int heldOutByBoth = 0;
        for (int i = 0; i < ENDPOINTS; i++) {
            String endpoint = "endpoint-" + i;
            if (a.treatmentOf(endpoint).isEmpty() && b.treatmentOf(endpoint).isEmpty()) {
                heldOutByBoth++;
            }
        }
        // Independent 10% holdouts overlap on about 1% of the audience, not 10%.
        assertThat(heldOutByBoth).isBetween(50, 200);
    }

    @Test
    void withoutHoldoutOrTreatmentsEveryoneGetsTheDefaultTreatment() {
        AudienceSplit plain = new AudienceSplit("c", null, List.of(), "0");
        for (int i = 0; i < 1000; i++) {
            assertThat(plain.treatmentOf("e" + i)).isEqualTo(Optional.of("0"));
        }
        AudienceSplit all = new AudienceSplit("c", 100, List.of(), "0");
        assertThat(all.treatmentOf("e1")).isEmpty();
    }
}
