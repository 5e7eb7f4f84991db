package io.pinpush.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The Lambda context a handler sees when the local server calls it. */
public final class LocalContext implements Context {

    private final String requestId = UUID.randomUUID().toString();
    private final int remainingMillis;

    public LocalContext() {
        this(30_000);
    }

    /** A context whose invocation has {@code remainingMillis} left, as Lambda counts down to its timeout. */
    public LocalContext(int remainingMillis) {
        this.remainingMillis = remainingMillis;
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "local"; }
    @Override public String getLogStreamName() { return "local"; }
    @Override public String getFunctionName() { return "pinpush-local"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:local:000000000000:function:pinpush-local"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return remainingMillis; }
    @Override public int getMemoryLimitInMB() { return 1024; }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override public void log(String message) { System.out.print(message); }
            @Override public void log(byte[] message) { System.out.print(new String(message, StandardCharsets.UTF_8)); }
        };
    }
}
