package io.pinpush.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.api.ApiError;
import io.pinpush.api.Json;
import io.pinpush.channels.ChannelType;
import io.pinpush.endpoints.EndpointDemographic;
import io.pinpush.endpoints.EndpointLocation;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.endpoints.EndpointUser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every operator of Pinpoint's segment model, each shown matching and not matching. */
class SegmentEvaluatorTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    private static final SegmentEvaluator EVALUATOR = new SegmentEvaluator(Clock.fixed(NOW, ZoneOffset.UTC));

    /** An iOS endpoint in Seattle, active 3 days ago, with attributes, user attributes and metrics. */
    private static final EndpointResponse SEATTLE_IPHONE = new EndpointResponse("token", "app",
            Map.of("Interests", List.of("sports", "music"), "SignedUp", List.of("2026-03-10T08:30:00Z")),
            ChannelType.APNS, null, "2026-01-01T00:00:00Z",
            new EndpointDemographic("1.2.0", "en_US", "Apple", "iPhone", "15", "iOS", "17.1", "America/Los_Angeles"),
            "2026-06-12T12:00:00Z", "ACTIVE", "e1",
            new EndpointLocation("Seattle", "US", 47.6062, -122.3321, "98101", "WA"),
            Map.of("purchases", 5.0), "NONE", null,
            new EndpointUser(Map.of("Tier", List.of("gold"), "Birthday", List.of("1990-05-20")), "user-1"));

    private static boolean matches(String dimensionsJson) {
        return matches(dimensionsJson, SEATTLE_IPHONE);
    }

    private static boolean matches(String dimensionsJson, EndpointResponse endpoint) {
        return segment("{\"Dimensions\": " + dimensionsJson + "}").test(endpoint);
    }

    private static java.util.function.Predicate<EndpointResponse> segment(String writeRequestJson) {
        return segment(writeRequestJson, Map.of());
    }

    private static java.util.function.Predicate<EndpointResponse> segment(String writeRequestJson,
                                                                          Map<String, SegmentResponse> others) {
        WriteSegmentRequest request = Json.read(writeRequestJson, WriteSegmentRequest.class);
        SegmentResponse segment = new SegmentResponse("app", "arn", "now", request.dimensions(), "self", "now",
                request.name(), request.segmentGroups(), SegmentType.DIMENSIONAL, null, 1);
        return EVALUATOR.compile(segment, ref -> Optional.ofNullable(others.get(ref.id())));
    }

    private static String set(String member, String type, String... values) {
        return "{\"" + member + "\": {\"DimensionType\": \"" + type + "\", \"Values\": " + list(values) + "}}";
    }

    private static String list(String... values) {
        return Json.write(List.of(values));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
            "AppVersion, INCLUSIVE, 1.2.0, true", "AppVersion, INCLUSIVE, 1.3.0, false",
            "AppVersion, EXCLUSIVE, 1.3.0, true", "AppVersion, EXCLUSIVE, 1.2.0, false",
            "Channel, INCLUSIVE, APNS, true", "Channel, INCLUSIVE, GCM, false",
            "Channel, EXCLUSIVE, GCM, true", "Channel, EXCLUSIVE, APNS, false",
            "Make, INCLUSIVE, Apple, true", "Make, INCLUSIVE, Samsung, false",
            "Make, EXCLUSIVE, Samsung, true", "Make, EXCLUSIVE, Apple, false",
            "Model, INCLUSIVE, iPhone, true", "Model, INCLUSIVE, Pixel, false",
            "Model, EXCLUSIVE, Pixel, true", "Model, EXCLUSIVE, iPhone, false",
            "Platform, INCLUSIVE, iOS, true", "Platform, INCLUSIVE, Android, false",
            "Platform, EXCLUSIVE, Android, true", "Platform, EXCLUSIVE, iOS, false",
            // Endpoints have no device type: INCLUSIVE never matches, EXCLUSIVE always does.
            "DeviceType, INCLUSIVE, phone, false", "DeviceType, EXCLUSIVE, phone, true",
    })
    void demographicSetDimensions(String member, String type, String value, boolean expected) {
        assertThat(matches("{\"Demographic\": " + set(member, type, value) + "}")).isEqualTo(expected);
    }

    @Test
    void setDimensionDefaultsToInclusiveAndMatchesAnyListedValue() {
        assertThat(matches("{\"Demographic\": {\"Platform\": {\"Values\": [\"Android\", \"iOS\"]}}}")).isTrue();
        assertThat(matches("{\"Demographic\": {\"Platform\": {\"Values\": [\"Android\"]}}}")).isFalse();
    }

    @Test
    void setDimensionComparesExactlyIncludingCase() {
        assertThat(matches("{\"Demographic\": " + set("Platform", "INCLUSIVE", "ios") + "}")).isFalse();
    }

    @Test
    void endpointWithoutTheValueFailsInclusiveAndPassesExclusive() {
        EndpointResponse bare = new EndpointResponse(null, "app", null, null, null, null, null, null, null, "bare",
                null, null, null, null, null);
        assertThat(matches("{\"Demographic\": " + set("Platform", "INCLUSIVE", "iOS") + "}", bare)).isFalse();
        assertThat(matches("{\"Demographic\": " + set("Platform", "EXCLUSIVE", "iOS") + "}", bare)).isTrue();
        assertThat(matches("{\"Location\": " + set("Country", "EXCLUSIVE", "US") + "}", bare)).isTrue();
    }

    @Test
    void countryInclusiveAndExclusive() {
        assertThat(matches("{\"Location\": " + set("Country", "INCLUSIVE", "US", "CA") + "}")).isTrue();
        assertThat(matches("{\"Location\": " + set("Country", "INCLUSIVE", "DE") + "}")).isFalse();
        assertThat(matches("{\"Location\": " + set("Country", "EXCLUSIVE", "DE") + "}")).isTrue();
        assertThat(matches("{\"Location\": " + set("Country", "EXCLUSIVE", "US") + "}")).isFalse();
    }

    @Test
    void gpsPointSelectsEndpointsWithinTheRange() {
        // Seattle to Tacoma is about 40 km; Seattle to Portland about 233 km.
        String tacoma = "\"Coordinates\": {\"Latitude\": 47.2529, \"Longitude\": -122.4443}";
        String portland = "\"Coordinates\": {\"Latitude\": 45.5152, \"Longitude\": -122.6784}";
        assertThat(matches("{\"Location\": {\"GPSPoint\": {" + tacoma + ", \"RangeInKilometers\": 50}}}")).isTrue();
        assertThat(matches("{\"Location\": {\"GPSPoint\": {" + tacoma + ", \"RangeInKilometers\": 30}}}")).isFalse();
        assertThat(matches("{\"Location\": {\"GPSPoint\": {" + portland + "}}}")).as("default 100 km").isFalse();
        assertThat(matches("{\"Location\": {\"GPSPoint\": {" + tacoma + "}}}")).as("default 100 km").isTrue();
    }

    @Test
    void haversineDistanceIsAccurate() {
        // London to Paris: 343.5 km great-circle.
        assertThat(GPSPointDimension.distanceKm(51.5074, -0.1278, 48.8566, 2.3522)).isBetween(343.0, 344.5);
    }

    @Test
    void gpsPointNeverMatchesAnEndpointWithoutCoordinates() {
        EndpointResponse noGps = SEATTLE_IPHONE.withUser(null);
        noGps = new EndpointResponse(noGps.address(), "app", null, null, null, null, null, null, null, "x",
                new EndpointLocation("Seattle", "US", null, null, null, null), null, null, null, null);
        assertThat(matches("{\"Location\": {\"GPSPoint\": {\"Coordinates\": {\"Latitude\": 47.6, \"Longitude\": -122.3}}}}",
                noGps)).isFalse();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            // Active 3 days before NOW.
            "DAY_7, ACTIVE, true", "HR_24, ACTIVE, false", "DAY_14, ACTIVE, true", "DAY_30, ACTIVE, true",
            "DAY_7, INACTIVE, false", "HR_24, INACTIVE, true", "DAY_14, INACTIVE, false", "DAY_30, INACTIVE, false",
    })
    void recencyAgainstEffectiveDateAndTheClock(String duration, String type, boolean expected) {
        assertThat(matches("{\"Behavior\": {\"Recency\": {\"Duration\": \"" + duration + "\", \"RecencyType\": \""
                + type + "\"}}}")).isEqualTo(expected);
    }

    private static String attr(String member, String name, String type, String... values) {
        return "{\"" + member + "\": {\"" + name + "\": {\"AttributeType\": \"" + type + "\", \"Values\": "
                + list(values) + "}}}";
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "Interests | INCLUSIVE | music | true", "Interests | INCLUSIVE | cooking | false",
            "Interests | EXCLUSIVE | cooking | true", "Interests | EXCLUSIVE | music | false",
            "Interests | CONTAINS | por | true", "Interests | CONTAINS | xyz | false",
            "SignedUp | BEFORE | 2026-04-01T00:00:00Z | true", "SignedUp | BEFORE | 2026-03-01T00:00:00Z | false",
            "SignedUp | AFTER | 2026-03-01T00:00:00Z | true", "SignedUp | AFTER | 2026-04-01T00:00:00Z | false",
            "SignedUp | ON | 2026-03-10T23:59:00Z | true", "SignedUp | ON | 2026-03-11T00:00:00Z | false",
            "SignedUp | BETWEEN | 2026-03-01T00:00:00Z,2026-03-31T00:00:00Z | true",
            "SignedUp | BETWEEN | 2026-04-01T00:00:00Z,2026-04-30T00:00:00Z | false",
            "SignedUp | NOT_BETWEEN | 2026-04-01T00:00:00Z,2026-04-30T00:00:00Z | true",
            "SignedUp | NOT_BETWEEN | 2026-03-01T00:00:00Z,2026-03-31T00:00:00Z | false",
            "Missing | INCLUSIVE | x | false", "Missing | EXCLUSIVE | x | true",
            "Missing | BEFORE | 2030-01-01T00:00:00Z | false",
    })
    void endpointAttributeOperators(String name, String type, String values, boolean expected) {
        assertThat(matches(attr("Attributes", name, type, values.split(",")))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "Tier | INCLUSIVE | gold | true", "Tier | INCLUSIVE | silver | false",
            "Tier | EXCLUSIVE | silver | true", "Tier | EXCLUSIVE | gold | false",
            "Tier | CONTAINS | ol | true", "Tier | CONTAINS | il | false",
            "Birthday | BEFORE | 2000-01-01 | true", "Birthday | BEFORE | 1980-01-01 | false",
            "Birthday | AFTER | 1980-01-01 | true", "Birthday | AFTER | 2000-01-01 | false",
            "Birthday | ON | 1990-05-20T15:00:00Z | true", "Birthday | ON | 1990-05-21T00:00:00Z | false",
            "Birthday | BETWEEN | 1990-01-01,1990-12-31 | true", "Birthday | BETWEEN | 1991-01-01,1991-12-31 | false",
            "Birthday | NOT_BETWEEN | 1991-01-01,1991-12-31 | true", "Birthday | NOT_BETWEEN | 1990-01-01,1990-12-31 | false",
    })
    void userAttributeOperators(String name, String type, String values, boolean expected) {
        assertThat(matches(attr("UserAttributes", name, type, values.split(",")))).isEqualTo(expected);
    }

    @Test
    void betweenIncludesItsBounds() {
        assertThat(matches(attr("Attributes", "SignedUp", "BETWEEN", "2026-03-10T08:30:00Z", "2026-03-10T08:30:00Z"))).isTrue();
    }

    @ParameterizedTest(name = "purchases(5) {0} {1} -> {2}")
    @CsvSource({
            "GREATER_THAN, 4, true", "GREATER_THAN, 5, false",
            "LESS_THAN, 6, true", "LESS_THAN, 5, false",
            "GREATER_THAN_OR_EQUAL, 5, true", "GREATER_THAN_OR_EQUAL, 6, false",
            "LESS_THAN_OR_EQUAL, 5, true", "LESS_THAN_OR_EQUAL, 4, false",
            "EQUAL, 5, true", "EQUAL, 5.5, false",
    })
    void metricOperators(String operator, double value, boolean expected) {
        assertThat(matches("{\"Metrics\": {\"purchases\": {\"ComparisonOperator\": \"" + operator + "\", \"Value\": "
                + value + "}}}")).isEqualTo(expected);
    }

    @Test
    void aMissingMetricNeverMatches() {
        assertThat(matches("{\"Metrics\": {\"visits\": {\"ComparisonOperator\": \"LESS_THAN\", \"Value\": 1}}}")).isFalse();
    }

    @Test
    void allCriteriaOfOneDimensionsObjectMustHold() {
        String ios = "\"Demographic\": " + set("Platform", "INCLUSIVE", "iOS");
        assertThat(matches("{" + ios + ", \"Location\": " + set("Country", "INCLUSIVE", "US") + "}")).isTrue();
        assertThat(matches("{" + ios + ", \"Location\": " + set("Country", "INCLUSIVE", "DE") + "}")).isFalse();
    }

    // ---- Segment groups -----------------------------------------------------------------------------------------

    private static final String IOS = "{\"Demographic\": " + set("Platform", "INCLUSIVE", "iOS") + "}";
    private static final String GERMANY = "{\"Location\": " + set("Country", "INCLUSIVE", "DE") + "}";

    private static boolean groups(String include, String... groups) {
        return segment("{\"SegmentGroups\": {" + (include == null ? "" : "\"Include\": \"" + include + "\", ")
                + "\"Groups\": [" + String.join(",", groups) + "]}}").test(SEATTLE_IPHONE);
    }

    private static String group(String type, String... dimensions) {
        return "{" + (type == null ? "" : "\"Type\": \"" + type + "\", ") + "\"Dimensions\": ["
                + String.join(",", dimensions) + "]}";
    }

    @Test
    void groupTypeCombinesItsDimensions() {
        assertThat(groups(null, group("ALL", IOS, GERMANY))).isFalse();
        assertThat(groups(null, group("ALL", IOS))).isTrue();
        assertThat(groups(null, group("ANY", IOS, GERMANY))).isTrue();
        assertThat(groups(null, group("ANY", GERMANY))).isFalse();
        assertThat(groups(null, group("NONE", GERMANY))).isTrue();
        assertThat(groups(null, group("NONE", IOS, GERMANY))).isFalse();
        assertThat(groups(null, group(null, IOS, GERMANY))).as("Type defaults to ALL").isFalse();
    }

    @Test
    void includeCombinesTheGroups() {
        String matching = group("ALL", IOS);
        String failing = group("ALL", GERMANY);
        assertThat(groups("ALL", matching, failing)).isFalse();
        assertThat(groups("ALL", matching, matching)).isTrue();
        assertThat(groups("ANY", matching, failing)).isTrue();
        assertThat(groups("ANY", failing, failing)).isFalse();
        assertThat(groups("NONE", failing, failing)).isTrue();
        assertThat(groups("NONE", matching, failing)).isFalse();
        assertThat(groups(null, matching, failing)).as("Include defaults to ALL").isFalse();
    }

    private static SegmentResponse stored(String id, String dimensionsJson) {
        return new SegmentResponse("app", "arn", "now", Json.read(dimensionsJson, SegmentDimensions.class), id, "now",
                id, null, SegmentType.DIMENSIONAL, null, 1);
    }

    @Test
    void sourceSegmentsAreTheBasePopulationCombinedBySourceType() {
        Map<String, SegmentResponse> others = new HashMap<>();
        others.put("ios", stored("ios", IOS));
        others.put("germany", stored("germany", GERMANY));
        String both = "\"SourceSegments\": [{\"Id\": \"ios\"}, {\"Id\": \"germany\"}]";
        java.util.function.Function<String, Boolean> eval = sourceType -> segment("{\"SegmentGroups\": {\"Groups\": [{"
                + both + (sourceType == null ? "" : ", \"SourceType\": \"" + sourceType + "\"") + "}]}}", others)
                .test(SEATTLE_IPHONE);
        assertThat(eval.apply("ANY")).isTrue();
        assertThat(eval.apply("ALL")).isFalse();
        assertThat(eval.apply("NONE")).isFalse();
        assertThat(eval.apply(null)).as("SourceType defaults to ANY").isTrue();
        // Dimensions refine the base population.
        assertThat(segment("{\"SegmentGroups\": {\"Groups\": [{\"SourceSegments\": [{\"Id\": \"ios\"}], \"Dimensions\": ["
                + GERMANY + "]}]}}", others).test(SEATTLE_IPHONE)).isFalse();
        assertThat(segment("{\"SegmentGroups\": {\"Groups\": [{\"SourceSegments\": [{\"Id\": \"ios\"}], \"Dimensions\": ["
                + IOS + "]}]}}", others).test(SEATTLE_IPHONE)).isTrue();
    }

    @Test
    void anUnknownSourceSegmentIsABadRequest() {
        assertThatThrownBy(() -> segment("{\"SegmentGroups\": {\"Groups\": [{\"SourceSegments\": [{\"Id\": \"nope\"}]}]}}"))
                .isInstanceOf(ApiError.class).hasMessageContaining("nope");
    }

    @Test
    void aCycleOfSourceSegmentsIsABadRequest() {
        SegmentResponse loop = new SegmentResponse("app", "arn", "now", null, "a", "now", "a",
                Json.read("{\"Groups\": [{\"SourceSegments\": [{\"Id\": \"self\"}]}]}", SegmentGroupList.class),
                SegmentType.DIMENSIONAL, null, 1);
        assertThatThrownBy(() -> segment("{\"SegmentGroups\": {\"Groups\": [{\"SourceSegments\": [{\"Id\": \"a\"}]}]}}",
                Map.of("a", loop))).isInstanceOf(ApiError.class).hasMessageContaining("cycle");
    }

    @Test
    void aStoredSegmentWithBothDimensionsAndSegmentGroupsNeedsBothToHold() {
        // Requests can no longer give both; a segment an older version stored with both is still judged this way.
        java.util.function.BiFunction<String, String, java.util.function.Predicate<EndpointResponse>> both =
                (dimensions, groups) -> EVALUATOR.compile(new SegmentResponse("app", "arn", "now",
                        Json.read(dimensions, SegmentDimensions.class), "self", "now", "both",
                        Json.read("{\"Groups\": [" + groups + "]}", SegmentGroupList.class), SegmentType.DIMENSIONAL,
                        null, 1), ref -> Optional.empty());
        assertThat(both.apply(GERMANY, group("ALL", IOS)).test(SEATTLE_IPHONE)).isFalse();
        assertThat(both.apply(IOS, group("ALL", IOS)).test(SEATTLE_IPHONE)).isTrue();
    }

    @Test
    void anEmptyDefinitionSelectsEveryEndpoint() {
        assertThat(segment("{\"Name\": \"everyone\"}").test(SEATTLE_IPHONE)).isTrue();
    }

    // ---- Sendability --------------------------------------------------------------------------------------------

    @Test
    void onlyActiveEndpointsThatAreNotOptedOutAreSendable() {
        assertThat(ExclusionReason.ofMember(SEATTLE_IPHONE)).isEmpty();
        assertThat(ExclusionReason.ofMember(SEATTLE_IPHONE.withEndpointStatus("INACTIVE")))
                .contains(ExclusionReason.ENDPOINT_INACTIVE);
        EndpointResponse optedOut = new EndpointResponse("t", "app", null, ChannelType.GCM, null, null, null, null,
                "ACTIVE", "o", null, null, "ALL", null, null);
        assertThat(ExclusionReason.ofMember(optedOut)).contains(ExclusionReason.ENDPOINT_OPT_OUT);
    }
}
