package io.pinpush.segments;

import io.pinpush.api.ApiError;

/** Pinpoint's GPSCoordinates. */
public record GPSCoordinates(Double latitude, Double longitude) {

    public GPSCoordinates {
        if (latitude == null || latitude < -90 || latitude > 90) {
            throw ApiError.badRequest("GPSPoint.Coordinates.Latitude is required and must be between -90 and 90");
        }
        if (longitude == null || longitude < -180 || longitude > 180) {
            throw ApiError.badRequest("GPSPoint.Coordinates.Longitude is required and must be between -180 and 180");
        }
    }
}
