package io.pinpush.segments;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Pinpoint's SegmentLocation. */
public record SegmentLocation(SetDimension country, @JsonProperty("GPSPoint") GPSPointDimension gpsPoint) {
}
