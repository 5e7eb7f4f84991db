package io.pinpush.channels;

import io.pinpush.api.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Checks shared by the channel request records. Messages name members, never their (secret) values. */
final class RequestMembers {

    private RequestMembers() {
    }

    /** An absent member is fine; a present but empty one is a mistake. */
    static String notBlank(String member, String value) {
        if (value != null && value.isBlank()) {
            throw ApiError.badRequest(member + " must not be empty");
        }
        return value;
    }

    /** The authentication method in upper case, or null when absent; anything but the allowed values is refused. */
    static String authenticationMethod(String value, String channel, String... allowed) {
        if (value == null) {
            return null;
        }
        String method = value.strip().toUpperCase(Locale.ROOT);
        for (String candidate : allowed) {
            if (candidate.equals(method)) {
                return method;
            }
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        throw ApiError.badRequest("DefaultAuthenticationMethod '" + shown + "' is not valid for the " + channel
                + " channel: use " + String.join(" or ", allowed));
    }

    /** Refuses a group of members that only work together when some of them are missing. */
    static void requireAll(String purpose, String... namesAndValues) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) {
                missing.add(namesAndValues[i]);
            }
        }
        if (!missing.isEmpty()) {
            throw ApiError.badRequest(purpose + "; missing: " + String.join(", ", missing));
        }
    }

    /** The stored credentials when they are of the channel's kind (they always are: one secret per channel). */
    static <T extends ChannelCredentials> Optional<T> stored(Optional<ChannelCredentials> stored, Class<T> kind) {
        return stored.filter(kind::isInstance).map(kind::cast);
    }
}
