package io.pinpush.segments;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.pinpush.store.VersionedDocuments;
import java.util.Map;

/** A segment version as Pinpoint returns it, and as the segments table stores it. */
public record SegmentResponse(String applicationId, String arn, String creationDate, SegmentDimensions dimensions,
                              String id, String lastModifiedDate, String name, SegmentGroupList segmentGroups,
                              SegmentType segmentType, @JsonProperty("tags") Map<String, String> tags,
                              Integer version, SegmentImportResource importDefinition)
        implements VersionedDocuments.Document {

    /** Jackson reads stored versions through the canonical constructor (a record with two has to be told). */
    @JsonCreator
    public SegmentResponse {
    }

    /** A DIMENSIONAL segment version (no import definition). */
    public SegmentResponse(String applicationId, String arn, String creationDate, SegmentDimensions dimensions,
                           String id, String lastModifiedDate, String name, SegmentGroupList segmentGroups,
                           SegmentType segmentType, Map<String, String> tags, Integer version) {
        this(applicationId, arn, creationDate, dimensions, id, lastModifiedDate, name, segmentGroups, segmentType, tags,
                version, null);
    }

    SegmentResponse withTags(Map<String, String> newTags) {
        return new SegmentResponse(applicationId, arn, creationDate, dimensions, id, lastModifiedDate, name,
                segmentGroups, segmentType, newTags, version, importDefinition);
    }
}
