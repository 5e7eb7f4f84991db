package io.pinpush.segments;

import io.pinpush.api.ApiError;
import io.pinpush.endpoints.EndpointDemographic;
import io.pinpush.endpoints.EndpointLocation;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.endpoints.EndpointUser;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides whether an endpoint belongs to a segment, exactly as the segment's definition says. The README's
 * "Segments" section lists how each rule of Pinpoint's model is read.
 *
 * <p>{@link #compile} resolves the base segments once and fixes "now" (for Recency), so every shard of one
 * evaluation judges endpoints against the same definition and the same instant.
 */
public final class SegmentEvaluator {

    /** Base segments nest; a chain deeper than this is refused rather than followed. */
    static final int MAX_NESTING = 10;

    private final Clock clock;
    private final ImportedMembers imported;

    public SegmentEvaluator(Clock clock) {
        this(clock, ImportedMembers.NONE);
    }

    /** {@code imported} answers for IMPORT segments, whose members are a list rather than a definition. */
    public SegmentEvaluator(Clock clock, ImportedMembers imported) {
        this.clock = clock;
        this.imported = imported;
    }

    ImportedMembers imported() {
        return imported;
    }

    /** Looks up a base segment: the pinned version, or the latest when the reference has none. */
    @FunctionalInterface
    public interface SourceLookup {
        Optional<SegmentResponse> find(SegmentReference reference);
    }

    /**
     * The segment as a predicate over endpoints. BadRequestException when a base segment cannot be found or the
     * references form a cycle (both also checked when the segment is written).
     */
    public Predicate<EndpointResponse> compile(SegmentResponse segment, SourceLookup sources) {
        if (segment.segmentType() == SegmentType.IMPORT) {
            return importedMembership(segment);
        }
        return compile(segment.dimensions(), segment.segmentGroups(), sources, clock.instant(),
                new ArrayList<>(List.of(segment.id())));
    }

    private Predicate<EndpointResponse> compile(SegmentDimensions dimensions, SegmentGroupList groups,
                                                SourceLookup sources, Instant now, List<String> path) {
        Predicate<EndpointResponse> byDimensions = dimensions == null ? e -> true : e -> matches(dimensions, e, now);
        if (groups == null || groups.groups() == null || groups.groups().isEmpty()) {
            return byDimensions;
        }
        List<Predicate<EndpointResponse>> compiledGroups = groups.groups().stream()
                .map(group -> group(group, sources, now, path)).toList();
        Quantifier include = groups.include() == null ? Quantifier.ALL : groups.include();
        return byDimensions.and(e -> include.test(compiledGroups, g -> g.test(e)));
    }

    private Predicate<EndpointResponse> group(SegmentGroup group, SourceLookup sources, Instant now, List<String> path) {
        List<Predicate<EndpointResponse>> bases = new ArrayList<>();
        for (SegmentReference reference : group.sourceSegments() == null ? List.<SegmentReference>of() : group.sourceSegments()) {
            if (path.contains(reference.id())) {
                throw ApiError.badRequest("SourceSegments form a cycle: " + String.join(" -> ", path) + " -> " + reference.id());
            }
            if (path.size() >= MAX_NESTING) {
                throw ApiError.badRequest("SourceSegments nest more than " + MAX_NESTING + " levels deep");
            }
            SegmentResponse base = sources.find(reference).orElseThrow(() -> ApiError.badRequest(
                    "SourceSegments refers to segment " + reference.id()
                            + (reference.version() == null ? "" : " version " + reference.version()) + ", which does not exist"));
            List<String> deeper = new ArrayList<>(path);
            deeper.add(reference.id());
            bases.add(base.segmentType() == SegmentType.IMPORT ? importedMembership(base)
                    : compile(base.dimensions(), base.segmentGroups(), sources, now, deeper));
        }
        Quantifier sourceType = group.sourceType() == null ? Quantifier.ANY : group.sourceType();
        Predicate<EndpointResponse> inBase = bases.isEmpty() ? e -> true : e -> sourceType.test(bases, b -> b.test(e));
        List<SegmentDimensions> dimensions = group.dimensions() == null ? List.of() : group.dimensions();
        Quantifier type = group.type() == null ? Quantifier.ALL : group.type();
        Predicate<EndpointResponse> byDimensions = dimensions.isEmpty() ? e -> true
                : e -> type.test(dimensions, d -> matches(d, e, now));
        return inBase.and(byDimensions);
    }

    /** An IMPORT segment version holds exactly the endpoints its import job wrote. */
    private Predicate<EndpointResponse> importedMembership(SegmentResponse segment) {
        return e -> imported.contains(segment.applicationId(), segment.id(), segment.version(), e.id());
    }

    /** Whether the endpoint meets every criterion of {@code d} at {@code now}. */
    public static boolean matches(SegmentDimensions d, EndpointResponse e, Instant now) {
        return demographic(d.demographic(), e) && location(d.location(), e)
                && (d.behavior() == null || d.behavior().recency() == null
                        || d.behavior().recency().test(e.effectiveDate(), now))
                && attributes(d.attributes(), e.attributes())
                && attributes(d.userAttributes(), Optional.ofNullable(e.user()).map(EndpointUser::userAttributes).orElse(null))
                && metrics(d.metrics(), e.metrics());
    }

    private static boolean demographic(SegmentDemographics d, EndpointResponse e) {
        if (d == null) return true;
        EndpointDemographic demo = e.demographic();
        return set(d.appVersion(), demo, EndpointDemographic::appVersion)
                && set(d.channel(), e.channelType() == null ? null : e.channelType().name())
                // Endpoints carry no device type (Pinpoint's EndpointDemographic has no such member): see the README.
                && set(d.deviceType(), (String) null)
                && set(d.make(), demo, EndpointDemographic::make)
                && set(d.model(), demo, EndpointDemographic::model)
                && set(d.platform(), demo, EndpointDemographic::platform);
    }

    private static boolean location(SegmentLocation d, EndpointResponse e) {
        if (d == null) return true;
        EndpointLocation loc = e.location();
        return set(d.country(), loc, EndpointLocation::country)
                && (d.gpsPoint() == null || (loc != null && d.gpsPoint().test(loc.latitude(), loc.longitude())));
    }

    private static <T> boolean set(SetDimension dimension, T holder, Function<T, String> value) {
        return set(dimension, holder == null ? null : value.apply(holder));
    }

    private static boolean set(SetDimension dimension, String actual) {
        return dimension == null || dimension.test(actual);
    }

    private static boolean attributes(Map<String, AttributeDimension> criteria, Map<String, List<String>> actual) {
        if (criteria == null) return true;
        return criteria.entrySet().stream().allMatch(c -> c.getValue().test(
                actual == null ? List.of() : actual.getOrDefault(c.getKey(), List.of())));
    }

    private static boolean metrics(Map<String, MetricDimension> criteria, Map<String, Double> actual) {
        if (criteria == null) return true;
        return criteria.entrySet().stream().allMatch(c -> c.getValue().test(actual == null ? null : actual.get(c.getKey())));
    }

    /** Every segment id {@code definition} refers to, directly. */
    static Set<String> referencedIds(SegmentGroupList groups) {
        Set<String> ids = new HashSet<>();
        if (groups != null && groups.groups() != null) {
            groups.groups().forEach(g -> {
                if (g.sourceSegments() != null) g.sourceSegments().forEach(r -> ids.add(r.id()));
            });
        }
        return ids;
    }
}
