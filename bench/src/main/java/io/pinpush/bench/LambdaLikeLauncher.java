package io.pinpush.bench;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs {@link ColdStartProbe} the way Lambda's Java runtime loads a function: through a {@link URLClassLoader}
 * subclass that is not registered as parallel capable (the runtime interface client's {@code CustomerClassLoader}),
 * over the function's code. Lambda's loader has the system class loader (the runtime's own classes) as parent; this
 * one has the JDK's platform loader, so that the probe and the function come from the function's code alone. A JDK
 * class resolves to the same class either way. Such a loader takes one lock for every class it
 * is asked for, so two threads loading through it take turns: what a second loading thread gains on the JVM's
 * application class loader (which loads in parallel) may not hold in Lambda.
 *
 * <p>Usage (by {@link ColdStart} when {@code COLD_START_LOADER=lambda}): {@code LambdaLikeLauncher <function code>
 * <probe class path> <probe arguments...>}; the function code is the Lambda jar or, as Lambda has it, the jar
 * extracted. The probe class path also holds Lambda's event serializer, which Lambda's runtime has on its own
 * class path; here it takes the same lock as the function's classes.
 */
public final class LambdaLikeLauncher {

    /** Not parallel capable: {@code ClassLoader} uses the loader itself as the lock of every load. */
    private static final class CustomerLikeClassLoader extends URLClassLoader {
        CustomerLikeClassLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }
    }

    public static void main(String[] args) throws Exception {
        List<URL> code = new ArrayList<>(List.of(Path.of(args[0]).toUri().toURL()));
        for (String probePath : args[1].split(File.pathSeparator)) { // the probe, and the runtime's serializer
            code.add(Path.of(probePath).toUri().toURL());
        }
        ClassLoader loader = new CustomerLikeClassLoader(code.toArray(URL[]::new));
        Thread.currentThread().setContextClassLoader(loader);
        // By name: the probe (and the function) must be defined by this loader, not by the launcher's own.
        Class<?> probe = Class.forName("io.pinpush.bench.ColdStartProbe", true, loader);
        probe.getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
