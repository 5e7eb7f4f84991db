package io.pinpush.segments;

import io.pinpush.testing.RecipeScripts;
import io.pinpush.testing.RecipeScripts.Result;

import static io.pinpush.segments.SegmentCalls.newApp;
import static io.pinpush.segments.SegmentCalls.size;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.PinpushExtension;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.SegmentResponse;

/** The customer's recipe (seed 004), steps 4 and 5, run with the real AWS CLI against Pinpush. */
@ExtendWith(PinpushExtension.class)
class AwsCliSegmentRecipeTest {

    @Test
    void recipeStepFiveSegmentSelectsOnlyTheHighValueCustomer(PinpointClient pinpoint, LocalServer server) throws Exception {
        String app = newApp(pinpoint);
        Map<String, String> variables = Map.of("PINPOINT_APP_ID", app, "AWS_REGION", "us-east-1",
                "SEGMENT_NAME", "high-value-customers", "PINPUSH_ENDPOINT_URL", server.endpoint().toString());

        Result endpoints = RecipeScripts.run("/recipes/004-step4-create-user-endpoints.sh", variables);
        assertThat(endpoints.exitCode()).as(endpoints.output()).isZero();
        Result segment = RecipeScripts.run("/recipes/004-step5-create-user-segment.sh", variables);
        assertThat(segment.exitCode()).as(segment.output()).isZero();

        Matcher created = Pattern.compile("Created user segment: ([0-9a-f]{32})\\s*$").matcher(segment.output().strip());
        assertThat(created.find()).as(segment.output()).isTrue();
        String segmentId = created.group(1);

        SegmentResponse stored = pinpoint.getSegment(b -> b.applicationId(app).segmentId(segmentId)).segmentResponse();
        assertThat(stored.name()).isEqualTo("high-value-customers");
        assertThat(stored.dimensions().userAttributes().get("PurchaseHistory").values()).containsExactly("high-value");
        assertThat(stored.dimensions().demographic().platform().values()).containsExactly("iOS", "Android");

        Set<String> members = ConcurrentHashMap.newKeySet();
        EvaluationCounts counts = server.pinpush().segmentAudience().forEachMember(app, segmentId, 1, e -> members.add(e.id()));
        assertThat(members).containsExactly("ios-user-001");
        assertThat(counts.excluded()).isEqualTo(Map.of(ExclusionReason.FILTERED_OUT_BY_SEGMENT, 1L));

        JsonNode size = size(server, app, segmentId);
        assertThat(size.path("Total").asLong()).isEqualTo(2);
        assertThat(size.path("Sendable").asLong()).isEqualTo(1);
        assertThat(size.path("Excluded").path("FILTERED_OUT_BY_SEGMENT").asLong()).isEqualTo(1);
    }

}
