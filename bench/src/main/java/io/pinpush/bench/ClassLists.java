package io.pinpush.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the class lists the functions preload on a cold start ({@code ClassPreloader}): for each function, one
 * cold run of {@link ColdStartProbe} on the Lambda jar with class loading logged and preloading off, and the
 * classes that run loaded from the jar and from the JDK's modules, in load order. Left out: the JDK's shared archive
 * (already cheap to load), classes made at run time (lambdas, proxies, reflection accessors), the probe's own.
 *
 * <p>Usage: {@code ClassLists [functions=api,dispatcher,send]}; writes
 * {@code functions/src/main/resources/io/pinpush/functions/preload/<function>.classes}. Run it after a change of
 * dependencies or of a function's first-event path, then rebuild the jar.
 */
public final class ClassLists {

    public static void main(String[] args) throws Exception {
        List<String> functions = args.length > 0 ? List.of(args[0].split(",")) : List.of("api", "dispatcher", "send");
        Path root = Path.of(System.getProperty("pinpush.repo.root", "."));
        Path lists = root.resolve("functions/src/main/resources/io/pinpush/functions/preload");
        Files.createDirectories(lists);
        try (BenchStack stack = new BenchStack(Map.of())) {
            Map<String, String> environment = new HashMap<>(stack.server.pinpush().config().values());
            environment.put("PINPUSH_CLASS_PRELOAD", "false"); // the order the function loads in by itself
            for (String function : functions) {
                Path log = Files.createTempFile("pinpush-class-load", ".log");
                String probe = ColdStart.probe(ColdStart.lambdaJar(root), ColdStart.probeClassPath(root, Optional.empty()),
                        List.of("-Xlog:class+load:file=" + log), environment, function,
                        ColdStart.event(root, stack, function), false);
                String result = ColdStart.field(probe, "result");
                if (!result.equals("status_200") && !result.equals("failures_0") && !result.endsWith("_results")) {
                    throw new IllegalStateException(function + ": the probe's event failed, no list written: " + probe);
                }
                List<String> names = classes(Files.readAllLines(log), Double.parseDouble(ColdStart.field(probe, "handled")));
                Files.delete(log);
                List<String> lines = new ArrayList<>();
                lines.add("# The classes a cold run of the " + function + " function loaded up to its first handled event,");
                lines.add("# in load order; preloaded by ClassPreloader. Written by bin/bench ClassLists: do not edit.");
                lines.addAll(names);
                Files.write(lists.resolve(function + ".classes"), lines);
                System.out.printf("RESULT class list %s: %d classes (%s)%n", function, names.size(), probe);
            }
        }
        System.exit(0); // DynamoDB Local and ElasticMQ leave non-daemon threads behind
    }

    /**
     * From {@code -Xlog:class+load} lines ({@code [0.050s][info][class,load] name source: where}): the names worth
     * preloading, in order, from the first class of the functions (the JVM's start and the probe's own timing code
     * left out) up to {@code handledMs} after the JVM's start (the probe's reading of the answer and exit left out).
     */
    static List<String> classes(List<String> logLines, double handledMs) {
        Set<String> names = new LinkedHashSet<>();
        boolean functionStarted = false;
        for (String line : logLines) {
            String[] parts = line.split(" ");
            if (parts.length < 4 || !parts[2].equals("source:")) {
                continue;
            }
            double uptimeMs = Double.parseDouble(parts[0].substring(1, parts[0].indexOf("s]"))) * 1000;
            if (uptimeMs > handledMs) {
                break;
            }
            functionStarted |= parts[1].startsWith("io.pinpush.functions.");
            if (!functionStarted) {
                continue;
            }
            String name = parts[1];
            String source = parts[3];
            boolean fromJarOrModules = source.startsWith("jrt:/") || source.startsWith("file:");
            boolean madeAtRunTime = name.contains("$$Lambda") || name.contains("/0x") || name.startsWith("jdk.proxy");
            if (fromJarOrModules && !madeAtRunTime && !name.startsWith("io.pinpush.bench.")) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }
}
