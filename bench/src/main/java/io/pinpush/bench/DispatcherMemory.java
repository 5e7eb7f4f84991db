package io.pinpush.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (5): the dispatcher's memory at steady throughput, in a JVM of its own sized like a 512 MB Lambda
 * function, so its figures are the dispatcher's alone (in (1) the JVM also hosts DynamoDB Local, ElasticMQ and the
 * mock APNs server). The child runs the shaded Lambda jar ({@link DispatcherMemoryProbe}) against this JVM's
 * emulators with the JVM options Lambda's Java runtime uses plus a heap cap, and a run that would not fit ends in
 * an OutOfMemoryError instead of a figure.
 *
 * <p>Usage: {@code DispatcherMemory [N=20000] [rounds=3] [heap=-Xmx400m]}; {@code DISPATCHER_JAVA_OPTS} adds JVM options
 * to the dispatcher JVM (a JFR recording, {@code -XX:TieredStopAtLevel=4}).
 */
public final class DispatcherMemory {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String heap = args.length > 2 ? args[2] : "-Xmx400m";
        Path root = Path.of(System.getProperty("pinpush.repo.root", "."));
        Path jar = ColdStart.lambdaJar(root);
        Path probeClasses = root.resolve("bench/target/classes");
        try (BenchStack stack = new BenchStack(Map.of())) {
            List<String> command = new java.util.ArrayList<>(List.of("java", "-XX:+TieredCompilation",
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", heap));
            // DISPATCHER_JAVA_OPTS reaches the dispatcher JVM (e.g. a JFR recording); JAVA_OPTS only this one.
            String extra = System.getenv("DISPATCHER_JAVA_OPTS");
            if (extra != null && !extra.isBlank()) {
                command.addAll(List.of(extra.strip().split("\\s+")));
            }
            command.addAll(List.of("-cp", jar + ":" + probeClasses, DispatcherMemoryProbe.class.getName(),
                    stack.appId, Integer.toString(n), Integer.toString(rounds)));
            System.out.println("child: " + String.join(" ", command));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(stack.server.pinpush().config().values());
            Process process = builder.start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("RESULT") || line.startsWith("round") || line.contains("Exception") || line.contains("Error")) {
                        System.out.println(line);
                    }
                }
            }
            if (process.waitFor() != 0) {
                throw new IllegalStateException("the dispatcher JVM ended with exit code " + process.exitValue());
            }
        }
        System.exit(0); // DynamoDB Local and ElasticMQ leave non-daemon threads behind
    }
}
