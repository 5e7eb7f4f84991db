package io.pinpush.hooks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * A hook that is a Lambda function (LambdaFunctionName, or a DeliveryUri that is a function ARN), invoked
 * synchronously (RequestResponse). The function's resource policy must allow Pinpush's role (README).
 */
final class LambdaHookTarget implements HookTarget {

    private final LambdaClient lambda;
    private final String function;
    private final Duration timeout;

    LambdaHookTarget(LambdaClient lambda, String function, Duration timeout) {
        this.lambda = lambda;
        this.function = function;
        this.timeout = timeout;
    }

    @Override
    public String call(String appId, String payload) {
        InvokeResponse response;
        try {
            response = lambda.invoke(b -> b.functionName(function).invocationType(InvocationType.REQUEST_RESPONSE)
                    .payload(SdkBytes.fromUtf8String(payload))
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout)));
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException slow) {
            throw new HookCallException("Lambda function " + function + " did not answer within " + timeout, true, slow);
        } catch (SdkException failed) {
            throw new HookCallException("Lambda function " + function + " could not be invoked: " + failed.getMessage(),
                    true, failed);
        }
        String body = response.payload() == null ? "" : response.payload().asString(StandardCharsets.UTF_8);
        if (response.functionError() != null) {
            throw new HookCallException("Lambda function " + function + " failed (" + response.functionError() + "): "
                    + abbreviate(body), true);
        }
        return body;
    }

    @Override
    public String describe() {
        return "Lambda function " + function;
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
