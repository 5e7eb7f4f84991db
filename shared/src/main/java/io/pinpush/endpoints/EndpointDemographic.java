package io.pinpush.endpoints;

/** Pinpoint's EndpointDemographic. */
public record EndpointDemographic(String appVersion, String locale, String make, String model, String modelVersion,
                                  String platform, String platformVersion, String timezone) {
}
