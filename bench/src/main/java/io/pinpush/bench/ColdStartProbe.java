package io.pinpush.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.pinpush.functions.ApiHandler;
import io.pinpush.functions.DispatcherHandler;
import io.pinpush.functions.EventJson;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child side of {@link ColdStart}: runs in a fresh JVM on the shaded Lambda jar (plus this one class), builds
 * a handler as Lambda would (no-argument constructor, settings from the environment) and handles one event.
 * Uses nothing outside the Lambda jar and the JDK.
 *
 * <p>Prints {@code PROBE main=<ms> constructed=<ms> handled=<ms> cpu=<ms> classes=<n> result=<...>}, times from the
 * JVM's start; {@code cpu} is the process's CPU time until then.
 */
public final class ColdStartProbe {

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long main = System.currentTimeMillis() - jvmStart;
        String json = Files.readString(Path.of(args[1]));
        String result;
        long constructed;
        if (args[0].equals("api")) {
            ApiHandler handler = new ApiHandler();
            constructed = System.currentTimeMillis() - jvmStart;
            result = "status " + handler.handleRequest(EventJson.mapper().readValue(json, APIGatewayV2HTTPEvent.class),
                    new ProbeContext()).getStatusCode();
        } else {
            DispatcherHandler handler = new DispatcherHandler();
            constructed = System.currentTimeMillis() - jvmStart;
            result = "failures " + handler.handleRequest(EventJson.mapper().readValue(json, SQSEvent.class),
                    new ProbeContext()).getBatchItemFailures().size();
        }
        long handled = System.currentTimeMillis() - jvmStart;
        // CPU time of every thread (JIT and GC included): on a shared machine it varies far less than wall time.
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        System.out.printf("PROBE main=%d constructed=%d handled=%d cpu=%d classes=%d result=%s%n", main, constructed,
                handled, cpu, ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount(), result.replace(' ', '_'));
        System.out.flush();
        System.exit(0);
    }

    /** A Lambda context for handlers run outside Lambda (shared with {@link DispatcherMemoryProbe}). */
    static final class ProbeContext implements Context {
        @Override public String getAwsRequestId() { return "cold-start-probe"; }
        @Override public String getLogGroupName() { return "probe"; }
        @Override public String getLogStreamName() { return "probe"; }
        @Override public String getFunctionName() { return "pinpush-probe"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:local:000000000000:function:pinpush-probe"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 30_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.out.print(message); }
                @Override public void log(byte[] message) { System.out.print(new String(message)); }
            };
        }
    }
}
