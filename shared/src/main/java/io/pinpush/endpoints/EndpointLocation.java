package io.pinpush.endpoints;

/** Pinpoint's EndpointLocation. */
public record EndpointLocation(String city, String country, Double latitude, Double longitude, String postalCode,
                               String region) {
}
