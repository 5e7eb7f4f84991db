package io.pinpush.segments;

/** Pinpoint's SegmentDemographics. */
public record SegmentDemographics(SetDimension appVersion, SetDimension channel, SetDimension deviceType,
                                  SetDimension make, SetDimension model, SetDimension platform) {
}
