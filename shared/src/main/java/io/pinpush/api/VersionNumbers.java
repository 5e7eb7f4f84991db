package io.pinpush.api;

/** The {@code version} path and query parameters of versioned resources (segments, campaigns). */
public final class VersionNumbers {

    private VersionNumbers() {
    }

    /** {@code version} as a number of 1 or more; a 400 otherwise. */
    public static int parse(String version) {
        try {
            int parsed = Integer.parseInt(version);
            if (parsed >= 1) return parsed;
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiError.badRequest("version must be a whole number of 1 or more, got '" + version + "'");
    }
}
