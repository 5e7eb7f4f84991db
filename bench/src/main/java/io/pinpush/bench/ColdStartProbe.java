package io.pinpush.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.functions.ApiHandler;
import io.pinpush.functions.DispatcherHandler;
import io.pinpush.functions.EventJson;
import io.pinpush.functions.SendHandler;
import io.pinpush.functions.priming.Priming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The child side of {@link ColdStart}: runs in a fresh JVM on the shaded Lambda jar (plus this one class), builds
 * a handler as Lambda would (no-argument constructor, settings from the environment) and handles one event: the API
 * function's GetApp, the dispatcher's one APNs delivery, or the send function's direct SendMessages invocation.
 * A stream handler is handed the event's bytes; for a typed handler ({@code RequestHandler}, in jars from before the
 * functions read their events themselves) the event is read and the answer written with Lambda's runtime serializer,
 * as Lambda does. Uses nothing else outside the Lambda jar and the JDK.
 *
 * <p>With {@code COLD_START_LOADED_FIRST=true} in its environment the probe first loads, on its main thread and without
 * initializing them, every class of the function's preload list (the parent turns the function's own preloading off),
 * and reports when that ended ({@code loaded}): what is left after it is the main thread's own work, class loading
 * aside. With {@code COLD_START_THREAD_CPU=true} it also prints the CPU time of each of its threads at the end.
 *
 * <p>Prints {@code PROBE main=<ms> loaded=<ms> constructed=<ms> warmed=<ms> parsed=<ms> handled=<ms> cpu=<ms> classes=<n> result=<...>}, times
 * from the JVM's start; {@code cpu} is the process's CPU time until then. With a third argument {@code primed} the
 * handler's SnapStart warm-ups run between construction ({@code constructed}) and the event ({@code warmed}).
 */
public final class ColdStartProbe {

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long main = System.currentTimeMillis() - jvmStart;
        String json = Files.readString(Path.of(args[1]));
        if ("true".equals(System.getenv("COLD_START_LOADED_FIRST"))) {
            loadListed(args[0]);
        }
        long loaded = System.currentTimeMillis() - jvmStart;
        boolean primed = args.length > 2 && args[2].equals("primed");
        String result;
        long constructed;
        long warmedUp;
        long parsed; // the event read into Lambda's event class, which the Lambda runtime does before calling us
        if (args[0].equals("api")) {
            Object handler = new ApiHandler();
            constructed = System.currentTimeMillis() - jvmStart;
            warmedUp = primed ? warmUp(handler, jvmStart) : constructed;
            if (handler instanceof RequestStreamHandler stream) {
                parsed = warmedUp;
                result = "status " + handleStream(stream, json).path("statusCode").asInt();
            } else {
                APIGatewayV2HTTPEvent event = readAsLambdaRuntime(json, APIGatewayV2HTTPEvent.class);
                parsed = System.currentTimeMillis() - jvmStart;
                @SuppressWarnings("unchecked")
                RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> typed =
                        (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler;
                APIGatewayV2HTTPResponse response = typed.handleRequest(event, new ProbeContext());
                writeAsLambdaRuntime(response, APIGatewayV2HTTPResponse.class);
                result = "status " + response.getStatusCode();
            }
        } else if (args[0].equals("send")) {
            SendHandler handler = new SendHandler();
            constructed = System.currentTimeMillis() - jvmStart;
            warmedUp = primed ? warmUp(handler, jvmStart) : constructed;
            parsed = warmedUp; // a stream handler is handed the bytes: nothing to read into an event class
            JsonNode response = handleStream(handler, json);
            result = response.has("Error") ? "error " + response.path("Error") : response.path("MessageResponse").path("Result").size() + " results";
        } else {
            Object handler = new DispatcherHandler();
            constructed = System.currentTimeMillis() - jvmStart;
            warmedUp = primed ? warmUp(handler, jvmStart) : constructed;
            if (handler instanceof RequestStreamHandler stream) { // it reads the SQS event itself
                parsed = warmedUp;
                result = "failures " + handleStream(stream, json).path("batchItemFailures").size();
            } else { // a jar from before (COLD_START_JARS): Lambda's runtime read the event into its class first
                @SuppressWarnings("unchecked")
                RequestHandler<SQSEvent, SQSBatchResponse> typed = (RequestHandler<SQSEvent, SQSBatchResponse>) handler;
                SQSEvent event = readAsLambdaRuntime(json, SQSEvent.class);
                parsed = System.currentTimeMillis() - jvmStart;
                SQSBatchResponse response = typed.handleRequest(event, new ProbeContext());
                writeAsLambdaRuntime(response, SQSBatchResponse.class);
                result = "failures " + response.getBatchItemFailures().size();
            }
        }
        long handled = (answeredAt != 0 ? answeredAt : System.currentTimeMillis()) - jvmStart;
        // CPU time of every thread (JIT and GC included): on a shared machine it varies far less than wall time.
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        System.out.printf("PROBE main=%d loaded=%d constructed=%d warmed=%d parsed=%d handled=%d cpu=%d classes=%d result=%s%n",
                main, loaded, constructed, warmedUp, parsed, handled, cpu, ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount(),
                result.replace(' ', '_'));
        if ("true".equals(System.getenv("COLD_START_THREAD_CPU"))) {
            System.out.println("THREADS " + cpuByThread());
        }
        System.out.flush();
        System.exit(0);
    }

    /**
     * CPU milliseconds of each live thread of this process, JVM threads included (the JIT compilers, GC), grouped by
     * name, from Linux's {@code /proc/self/task}; a thread that has ended (the class preloader) is in none of them.
     */
    private static Map<String, Long> cpuByThread() throws java.io.IOException {
        long ticksPerSecond = 100; // Linux's USER_HZ, which /proc reports in
        Map<String, Long> millis = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+$", "#");
                // After the command name in parentheses: fields 14 and 15 of stat are user and system time.
                String stat = Files.readString(task.resolve("stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                millis.merge(name, ticks * 1000 / ticksPerSecond, Long::sum);
            }
        }
        millis.values().removeIf(cpu -> cpu == 0);
        return millis;
    }

    /** Loads the function's preload list on this thread, initializing nothing (see the class comment). */
    private static void loadListed(String function) throws java.io.IOException {
        ClassLoader loader = ColdStartProbe.class.getClassLoader();
        try (var in = loader.getResourceAsStream("io/pinpush/functions/preload/" + function + ".classes")) {
            if (in == null) {
                throw new IllegalStateException("the jar has no preload list for " + function);
            }
            for (String name : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                try {
                    Class.forName(name.strip(), false, loader);
                } catch (ClassNotFoundException | LinkageError gone) {
                    // not on this class path or this JDK: the function loads what it needs itself
                }
            }
        }
    }

    /** When a stream handler's answer was written: the first event is handled then, before the probe reads the answer. */
    private static long answeredAt;

    /**
     * A stream handler is handed the bytes, as Lambda hands them. Its answer is read back only for the probe's result
     * line, after {@link #answeredAt}: a function that writes with another mapper than {@code EventJson} (the
     * dispatcher) would otherwise be timed building one it never builds.
     */
    private static JsonNode handleStream(RequestStreamHandler handler, String json) throws java.io.IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), answer, new ProbeContext());
        answeredAt = System.currentTimeMillis();
        return EventJson.mapper().readTree(answer.toByteArray());
    }

    /**
     * What Lambda's runtime does before it calls a {@code RequestHandler}: reads the event into the handler's event
     * class with its own serializer ({@code aws-lambda-java-serialization}, a JSON library of its own, shaded).
     */
    private static <T> T readAsLambdaRuntime(String json, Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, ColdStartProbe.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** ...and writes the handler's answer with it. */
    private static <T> void writeAsLambdaRuntime(T response, Class<T> type) {
        LambdaEventSerializers.serializerFor(type, ColdStartProbe.class.getClassLoader())
                .toJson(response, new ByteArrayOutputStream());
    }

    /**
     * What SnapStart runs before its snapshot: the handler's registered warm-ups (the CRaC global context cannot be
     * driven outside a CRaC JVM, so the probe reaches the handler's {@code Priming} directly). The first event after
     * this stands for the first event after a restore, minus the restore itself.
     */
    private static long warmUp(Object handler, long jvmStart) throws ReflectiveOperationException {
        java.lang.reflect.Field field = handler.getClass().getDeclaredField("priming");
        field.setAccessible(true);
        Priming priming = (Priming) field.get(handler);
        List<Priming.Failure> failures;
        try { // what beforeCheckpoint runs: the class preloading awaited, then the warm-ups
            @SuppressWarnings("unchecked")
            List<Priming.Failure> prepared = (List<Priming.Failure>) Priming.class.getMethod("prepareSnapshot").invoke(priming);
            failures = prepared;
        } catch (NoSuchMethodException olderJar) { // a jar from before the preloading (COLD_START_JARS)
            failures = priming.warmUp();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("warm-ups failed: " + failures);
        }
        return System.currentTimeMillis() - jvmStart;
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
