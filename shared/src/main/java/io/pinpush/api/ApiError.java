package io.pinpush.api;

/**
 * A failure the caller should see as a Pinpoint error: an HTTP status, the {@code X-Amzn-ErrorType}
 * the AWS SDKs turn into a typed exception, and a message that says what to fix.
 *
 * <p>Client errors are expected outcomes, so they skip the stack trace.
 */
public final class ApiError extends RuntimeException {

    /** The error shapes of the Pinpoint service model, with their HTTP status. */
    public enum Type {
        BAD_REQUEST(400, "BadRequestException"),
        FORBIDDEN(403, "ForbiddenException"),
        NOT_FOUND(404, "NotFoundException"),
        METHOD_NOT_ALLOWED(405, "MethodNotAllowedException"),
        CONFLICT(409, "ConflictException"),
        PAYLOAD_TOO_LARGE(413, "PayloadTooLargeException"),
        TOO_MANY_REQUESTS(429, "TooManyRequestsException"),
        INTERNAL(500, "InternalServerErrorException");

        private final int status;
        private final String errorType;

        Type(int status, String errorType) {
            this.status = status;
            this.errorType = errorType;
        }

        public int status() {
            return status;
        }

        public String errorType() {
            return errorType;
        }
    }

    private final Type type;

    private ApiError(Type type, String message) {
        super(message, null, false, type == Type.INTERNAL);
        this.type = type;
    }

    public Type type() {
        return type;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(Type.BAD_REQUEST, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(Type.NOT_FOUND, message);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(Type.FORBIDDEN, message);
    }

    public static ApiError methodNotAllowed(String message) {
        return new ApiError(Type.METHOD_NOT_ALLOWED, message);
    }

    public static ApiError conflict(String message) {
        return new ApiError(Type.CONFLICT, message);
    }

    public static ApiError payloadTooLarge(String message) {
        return new ApiError(Type.PAYLOAD_TOO_LARGE, message);
    }

    public static ApiError tooManyRequests(String message) {
        return new ApiError(Type.TOO_MANY_REQUESTS, message);
    }

    public static ApiError internal(String message) {
        return new ApiError(Type.INTERNAL, message);
    }
}
