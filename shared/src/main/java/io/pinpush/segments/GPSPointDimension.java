package io.pinpush.segments;

import io.pinpush.api.ApiError;

/**
 * Pinpoint's GPSPointDimension: endpoints whose Location lies within {@code rangeInKilometers} of the coordinates
 * (great-circle distance, haversine). Without a range, {@link #DEFAULT_RANGE_KM} applies.
 */
public record GPSPointDimension(GPSCoordinates coordinates, Double rangeInKilometers) {

    public static final double DEFAULT_RANGE_KM = 100.0;
    /** Mean Earth radius (IUGG). */
    static final double EARTH_RADIUS_KM = 6371.0088;

    public GPSPointDimension {
        if (coordinates == null) {
            throw ApiError.badRequest("GPSPoint.Coordinates is required");
        }
        if (rangeInKilometers != null && (rangeInKilometers.isNaN() || rangeInKilometers < 0)) {
            throw ApiError.badRequest("GPSPoint.RangeInKilometers must not be negative");
        }
    }

    boolean test(Double latitude, Double longitude) {
        if (latitude == null || longitude == null) return false;
        double range = rangeInKilometers == null ? DEFAULT_RANGE_KM : rangeInKilometers;
        return distanceKm(coordinates.latitude(), coordinates.longitude(), latitude, longitude) <= range;
    }

    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
