package io.pinpush.api;

import java.util.Optional;

/**
 * The {@code page-size} and {@code token} query parameters of Pinpoint's list operations.
 * Tokens are opaque to callers (see {@link PageToken}).
 */
public record PageRequest(int pageSize, Optional<String> token) {

    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;

    static PageRequest from(Optional<String> pageSize, Optional<String> token) {
        int size = DEFAULT_PAGE_SIZE;
        if (pageSize.isPresent()) {
            try {
                size = Integer.parseInt(pageSize.get());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("page-size must be a whole number, got '" + pageSize.get() + "'");
            }
            if (size < 1 || size > MAX_PAGE_SIZE) {
                throw ApiError.badRequest("page-size must be between 1 and " + MAX_PAGE_SIZE + ", got " + size);
            }
        }
        return new PageRequest(size, token.filter(t -> !t.isEmpty()));
    }

    public static PageRequest first(int pageSize) {
        return new PageRequest(pageSize, Optional.empty());
    }
}
