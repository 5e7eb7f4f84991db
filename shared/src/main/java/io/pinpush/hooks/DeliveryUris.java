package io.pinpush.hooks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lambda function names and ARNs as hooks name them: {@code name}, or {@code arn:aws:lambda:<region>:<account>:function:name[:alias]}. */
public final class DeliveryUris {

    private static final Pattern FUNCTION_ARN =
            Pattern.compile("arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:([a-zA-Z0-9-_]+)(:[a-zA-Z0-9-_$]+)?");

    private DeliveryUris() {
    }

    public static boolean isLambdaArn(String uri) {
        return uri != null && FUNCTION_ARN.matcher(uri).matches();
    }

    /** The bare function name of an ARN; a name stays as it is. */
    public static String functionName(String nameOrArn) {
        Matcher arn = FUNCTION_ARN.matcher(nameOrArn);
        return arn.matches() ? arn.group(1) : nameOrArn;
    }
}
