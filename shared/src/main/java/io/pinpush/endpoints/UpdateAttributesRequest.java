package io.pinpush.endpoints;

import io.pinpush.api.ApiError;
import java.util.List;

/**
 * The payload of RemoveAttributes: attribute names to remove from every endpoint of the app. An entry is an
 * exact name or a glob pattern ({@code *} any run of characters, {@code ?} one character).
 */
public record UpdateAttributesRequest(List<String> blacklist) {

    public UpdateAttributesRequest {
        if (blacklist == null || blacklist.isEmpty()) {
            throw ApiError.badRequest("Blacklist is required: the names (or glob patterns) of the attributes to remove");
        }
        for (String entry : blacklist) {
            if (entry == null || entry.isEmpty()) {
                throw ApiError.badRequest("Blacklist may not contain empty or null entries");
            }
        }
        blacklist = List.copyOf(blacklist);
    }
}
