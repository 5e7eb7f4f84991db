package io.pinpush.providers.baidu;

/**
 * Baidu Cloud Push error codes (REST API 3.0, {@code error_code}) grouped by what they mean for a notification,
 * each with the HTTP status that means the same to {@link io.pinpush.providers.DeliveryResult}.
 */
enum BaiduError {
    /** 30607 Channel Token Timeout, 30608 Bind Relation Not Found: the channel id is no longer bound to the app. */
    CHANNEL_GONE(404, true, false),
    /** 30604 Quota Use Up, 30699 Requests Are Too Frequent. */
    RATE_LIMITED(429, false, true),
    /** 30600 Internal Server Error. */
    SERVER_ERROR(500, false, true),
    /** 30606 Request Time Expires: the timestamp was stale; a new signature will do. */
    STALE_REQUEST(503, false, true),
    /** 30603 Authentication Failed: the API key or secret key is wrong. */
    AUTHENTICATION_FAILED(401, false, false),
    /** 30612 Application Forbidden, 30613 App Need Inited First In Push-console. */
    APP_FORBIDDEN(403, false, false),
    /** 30601, 30602 and anything else: the request itself was refused. */
    REFUSED(400, false, false);

    private final int statusCode;
    private final boolean tokenInvalid;
    private final boolean retryable;

    BaiduError(int statusCode, boolean tokenInvalid, boolean retryable) {
        this.statusCode = statusCode;
        this.tokenInvalid = tokenInvalid;
        this.retryable = retryable;
    }

    static BaiduError of(int errorCode) {
        return switch (errorCode) {
            case 30607, 30608 -> CHANNEL_GONE;
            case 30604, 30699 -> RATE_LIMITED;
            case 30600 -> SERVER_ERROR;
            case 30606 -> STALE_REQUEST;
            case 30603 -> AUTHENTICATION_FAILED;
            case 30612, 30613 -> APP_FORBIDDEN;
            default -> REFUSED;
        };
    }

    int statusCode() {
        return statusCode;
    }

    boolean tokenInvalid() {
        return tokenInvalid;
    }

    boolean retryable() {
        return retryable;
    }
}
