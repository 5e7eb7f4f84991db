package io.pinpush.audit;

/**
 * One mutating API call, as the audit trail keeps it: who, what, on which resource, when, from where, and how it
 * ended. Never a request or response body, never a credential, never an error message (those can echo a body).
 *
 * @param eventTime     when the call was answered, ISO-8601 UTC with milliseconds
 * @param operation     the Pinpoint operation name ({@code CreateApp}, {@code UpdateApnsChannel}, ...)
 * @param resourceArn   the resource the call acted on, in Pinpoint's ARN format (see {@link AuditedResource})
 * @param applicationId the app the resource belongs to; null for account-level resources (templates, access keys)
 * @param caller        {@code ApiRequest.caller()}: the IAM principal ARN or Pinpush access key id
 * @param statusCode    the HTTP status of the answer
 * @param outcome       {@value #SUCCESS} for a 2xx answer, {@value #ERROR} otherwise
 * @param errorType     the answer's {@code X-Amzn-ErrorType} ({@code BadRequestException}, ...); null on success
 */
public record AuditRecord(
        String eventTime,
        String operation,
        String resourceArn,
        String applicationId,
        String caller,
        String sourceIp,
        String userAgent,
        String requestId,
        int statusCode,
        String outcome,
        String errorType) {

    public static final String SUCCESS = "SUCCESS";
    public static final String ERROR = "ERROR";

    /** SUCCESS for a 2xx answer, ERROR otherwise: what a reader filters on first. */
    static String outcomeOf(int statusCode) {
        return statusCode >= 200 && statusCode < 300 ? SUCCESS : ERROR;
    }
}
