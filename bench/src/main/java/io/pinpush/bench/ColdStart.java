package io.pinpush.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.api.Json;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Benchmark (4), a cold-start proxy: launches fresh JVMs on the shaded Lambda jar and times them from process
 * start to the first handled event, for the API handler (GetApp) and the dispatcher (one APNs delivery, pushed to
 * the mock APNs server and recorded in DynamoDB Local), and on request the send function (a direct SendMessages
 * invocation). JVM flags as Lambda's Java runtime sets them
 * (tiered compilation stopping at C1). Reports medians of {@code runs} and the jar's size. Network and
 * Lambda's own init (download, sandbox) are not in it.
 *
 * <p>Usage: {@code ColdStart [runs=5] [functions=api,dispatcher; also send] [primed]}; {@code primed} runs the handler's
 * SnapStart warm-ups after construction and also reports the first event alone, as a restored environment has it. {@code COLD_START_JAVA_OPTS} adds JVM options to
 * each child (e.g. {@code -Xlog:class+load:file=/tmp/classes-%p.log} or a JFR recording); {@code JAVA_OPTS} reaches
 * only this parent; {@code COLD_START_JARS} (comma-separated) times other Lambda jars than {@code functions/target}'s,
 * alternating run by run; {@code COLD_START_PROBE_CP} puts the probe on the child's class path from elsewhere than
 * {@code bench/target/classes} (a jar of it: class data sharing refuses a non-empty directory on the class path);
 * {@code COLD_START_LOADER=lambda} loads the function as Lambda's runtime does, through a class loader that is not
 * parallel capable ({@link LambdaLikeLauncher}); {@code COLD_START_VARIANTS} ({@code |}-separated sets of JVM options,
 * a set may be empty) times each jar under each set as well, alternating run by run: the way to weigh a flag the stack
 * would set through {@code JAVA_TOOL_OPTIONS}; {@code COLD_START_LOADED_FIRST=true} has the probe load the function's
 * preload list before anything else and reports what the main thread takes after that (see {@link ColdStartProbe}).
 */
public final class ColdStart {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> functions = args.length > 1 ? List.of(args[1].split(",")) : List.of("api", "dispatcher");
        boolean primed = args.length > 2 && args[2].equals("primed");
        List<String> childOptions = options(System.getenv("COLD_START_JAVA_OPTS"));
        Path root = Path.of(System.getProperty("pinpush.repo.root", "."));
        // COLD_START_JARS names other Lambda jars (copies of older builds), comma-separated: their runs alternate, so
        // before and after share the machine's load.
        List<Path> jars = Optional.ofNullable(System.getenv("COLD_START_JARS")).filter(names -> !names.isBlank())
                .map(names -> Arrays.stream(names.split(",")).map(Path::of).toList())
                .orElseGet(() -> List.of(lambdaJar(root)));
        List<List<String>> optionSets = Optional.ofNullable(System.getenv("COLD_START_VARIANTS"))
                .map(sets -> Arrays.stream(sets.split("\\|", -1)).map(ColdStart::options).toList())
                .orElse(List.of(List.of()));
        List<Variant> variants = new ArrayList<>();
        for (Path jar : jars) {
            for (List<String> options : optionSets) {
                variants.add(new Variant(jar, options));
            }
        }
        String probeClasses = probeClassPath(root, Optional.ofNullable(System.getenv("COLD_START_PROBE_CP")));
        try (BenchStack stack = new BenchStack(Map.of())) {
            Map<String, String> environment = stack.server.pinpush().config().values();
            for (Path jar : jars) {
                System.out.printf("jar %s: %.1f MB%n", jar, Files.size(jar) / 1048576.0);
            }
            for (String function : functions) {
                Map<Variant, List<String>> probes = new LinkedHashMap<>();
                for (int run = 0; run < runs; run++) {
                    for (Variant variant : variants) {
                        List<String> options = new ArrayList<>(childOptions);
                        options.addAll(variant.options());
                        String probe = probe(variant.jar(), probeClasses, options, environment, function,
                                event(root, stack, function), primed);
                        probes.computeIfAbsent(variant, v -> new ArrayList<>()).add(probe);
                        System.out.printf("%s run %d (%s): %s%n", function, run + 1, variant, probe);
                    }
                }
                probes.forEach((variant, lines) -> System.out.printf("RESULT cold-start %s (%s): median %.0f ms from process "
                                + "start to first handled event (JVM to main %.0f ms, handler constructed at %.0f ms, CPU %.0f ms, "
                                + "%.0f classes)%n", function, variant, median(lines, "total"), median(lines, "main"),
                        median(lines, "constructed"), median(lines, "cpu"), median(lines, "classes")));
                if ("true".equals(System.getenv("COLD_START_LOADED_FIRST"))) {
                    // The main thread's own work once every listed class is loaded: construction plus the first event.
                    probes.forEach((variant, lines) -> System.out.printf("RESULT loaded-first %s (%s): median %.0f ms from "
                                    + "the listed classes loaded to the first handled event (loading them took %.0f ms)%n",
                            function, variant, Stats.median(lines.stream().map(probe -> Double.parseDouble(field(probe, "handled"))
                                    - Double.parseDouble(field(probe, "loaded"))).toList()),
                            Stats.median(lines.stream().map(probe -> Double.parseDouble(field(probe, "loaded"))
                                    - Double.parseDouble(field(probe, "main"))).toList())));
                }
                if (primed) {
                    // What a restored SnapStart environment pays for its first event: the event alone, after the warm-ups.
                    probes.forEach((variant, lines) -> System.out.printf("RESULT primed %s (%s): median %.0f ms for the first "
                                    + "event after the SnapStart warm-ups (which took %.0f ms after construction)%n", function,
                            variant, Stats.median(lines.stream().map(probe -> Double.parseDouble(field(probe, "handled"))
                                    - Double.parseDouble(field(probe, "warmed"))).toList()),
                            Stats.median(lines.stream().map(probe -> Double.parseDouble(field(probe, "warmed"))
                                    - Double.parseDouble(field(probe, "constructed"))).toList())));
                }
            }
        }
        System.exit(0); // DynamoDB Local and ElasticMQ leave non-daemon threads behind
    }

    /** One jar under one set of JVM options; its runs take turns with the other variants'. */
    private record Variant(Path jar, List<String> options) {
        @Override
        public String toString() {
            return jar.getFileName() + (options.isEmpty() ? "" : " " + String.join(" ", options));
        }
    }

    private static List<String> options(String spaceSeparated) {
        return Optional.ofNullable(spaceSeparated).map(String::strip).filter(options -> !options.isEmpty())
                .map(options -> List.of(options.split("\\s+"))).orElse(List.of());
    }

    /** The first event of {@code function} (api, dispatcher or send) for the bench stack's app, from {@code events/}. */
    static String event(Path root, BenchStack stack, String function) throws java.io.IOException {
        if (function.equals("api")) {
            return Files.readString(root.resolve("events/apigw-get-app.json")).replace("${applicationId}", stack.appId);
        }
        if (function.equals("send")) {
            // The sample's APNs address only: the bench app has no GCM channel (that address would fail the request).
            ObjectNode send = (ObjectNode) Json.mapper().readTree(
                    Files.readString(root.resolve("events/direct-send-messages.json")).replace("${applicationId}", stack.appId));
            ObjectNode addresses = (ObjectNode) send.path("MessageRequest").path("Addresses");
            addresses.properties().removeIf(address -> !address.getValue().path("ChannelType").asText().equals("APNS"));
            return send.toString();
        }
        // A fresh request id each time, or the dispatcher finds the outcome recorded and skips the push.
        return Files.readString(root.resolve("events/sqs-delivery.json")).replace("${applicationId}", stack.appId)
                .replace("2f1c7a52-6b1e-4c4e-9d53-sample000001", UUID.randomUUID().toString());
    }

    /** One fresh JVM handling one event; the probe's line, with the parent's {@code total} (process start to result). */
    static String probe(Path jar, String probeClasses, List<String> childOptions, Map<String, String> environment,
                                String function, String event, boolean primed) throws Exception {
        Path eventFile = Files.createTempFile("pinpush-cold", ".json");
        Files.writeString(eventFile, event);
        List<String> command = new ArrayList<>(List.of("java", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
        command.addAll(childOptions);
        if ("lambda".equals(System.getenv("COLD_START_LOADER"))) {
            command.addAll(List.of("-cp", probeClasses, LambdaLikeLauncher.class.getName(), jar.toString(),
                    probeClasses, function, eventFile.toString()));
        } else {
            command.addAll(List.of("-cp", jar + ":" + probeClasses, ColdStartProbe.class.getName(), function,
                    eventFile.toString()));
        }
        if (primed) {
            command.add("primed");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        if ("true".equals(System.getenv("COLD_START_LOADED_FIRST"))) {
            builder.environment().put("PINPUSH_CLASS_PRELOAD", "false"); // the probe loads the list itself, first
        }
        long start = System.nanoTime();
        Process process = builder.start();
        String probe = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith("THREADS ")) {
                    System.out.println(function + " cpu by thread (ms): " + line.substring("THREADS ".length()));
                }
                if (line.startsWith("PROBE ")) {
                    probe = String.format("total=%.0f %s", (System.nanoTime() - start) / 1e6, line.substring("PROBE ".length()));
                }
            }
        }
        process.waitFor();
        Files.delete(eventFile);
        if (probe == null) {
            throw new IllegalStateException(function + ": the probe printed no result (exit " + process.exitValue() + "):\n"
                    + output);
        }
        return probe;
    }

    private static double median(List<String> probes, String name) {
        return Stats.median(probes.stream().map(probe -> Double.parseDouble(field(probe, name))).toList());
    }

    /**
     * The probe's class path: the probe ({@code probe}, else bench/target/classes) and the serializer Lambda's
     * runtime reads a {@code RequestHandler}'s event with, which Lambda has on its own class path.
     */
    static String probeClassPath(Path root, Optional<String> probe) {
        return probe.orElse(root.resolve("bench/target/classes").toString()) + File.pathSeparator + runtimeSerializer(root);
    }

    /** Lambda's event serializer ({@code aws-lambda-java-serialization}), as the build copied it to bench/target/lib. */
    private static Path runtimeSerializer(Path root) {
        try (var files = Files.list(root.resolve("bench/target/lib"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-serialization-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("bench/target/lib has no aws-lambda-java-serialization jar"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The shaded function jar, as {@code mvn package} leaves it (shared with {@link DispatcherMemory}). */
    static Path lambdaJar(Path root) {
        try (var files = Files.list(root.resolve("functions/target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-lambda.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("functions/target/*-lambda.jar is missing: package first"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String field(String probe, String name) {
        for (String part : probe.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("no " + name + " in " + probe);
    }
}
