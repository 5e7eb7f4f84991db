package io.pinpush.client;

/**
 * The send function refused the request ({@code BadRequestException}, {@code NotFoundException}, ... with the
 * HTTP status the API would have answered) or failed ({@code FunctionError}, status 500).
 */
public final class PinpushSendException extends RuntimeException {

    private final String errorType;
    private final int statusCode;
    private final String requestId;

    public PinpushSendException(String errorType, int statusCode, String message, String requestId) {
        super(errorType + ": " + message);
        this.errorType = errorType;
        this.statusCode = statusCode;
        this.requestId = requestId;
    }

    public String errorType() {
        return errorType;
    }

    public int statusCode() {
        return statusCode;
    }

    /** The send function's request id, when it got that far; quote it when reporting a problem. */
    public String requestId() {
        return requestId;
    }

    /** True for the caller's mistakes (4xx): retrying the same request will not help. */
    public boolean isClientError() {
        return statusCode >= 400 && statusCode < 500;
    }
}
