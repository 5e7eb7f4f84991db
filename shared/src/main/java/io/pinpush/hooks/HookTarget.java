package io.pinpush.hooks;

/**
 * Where a campaign hook or custom channel is called: the customer's Lambda function or web URL. One call, no
 * retries ({@link HookCalls} retries); a failure is a {@link HookCallException}.
 */
public interface HookTarget {

    /** Sends {@code payload} (JSON) and returns the answer's body (JSON, possibly empty). */
    String call(String appId, String payload);

    /** Names the target in logs and outcome messages: the function name or the URL without its query. */
    String describe();
}
