package io.pinpush.functions.priming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassPreloaderTest {

    /**
     * A list goes stale when a dependency moves its classes: preloading then silently loads less. The shipped lists
     * must still name classes that exist, or the build says to write them again.
     */
    @ParameterizedTest
    @ValueSource(strings = {"api", "dispatcher", "send"})
    void theShippedListsNameClassesThatExist(String function) {
        List<String> names = ClassPreloader.list(function);

        int loaded = ClassPreloader.preload(names, ClassPreloader.class.getClassLoader());

        assertThat(names).hasSizeGreaterThan(1_000).doesNotHaveDuplicates()
                .noneMatch(name -> name.startsWith("io.pinpush.bench.") || name.startsWith("java.lang.management.")
                        || name.startsWith("sun.management.")); // the probe's own timing, not the function's
        assertThat(loaded).as("classes of the %s list found; if this fails, run bin/bench ClassLists", function)
                .isGreaterThanOrEqualTo(names.size() * 98 / 100);
    }

    @Test
    void preloadingLoadsWithoutRunningStaticInitializersAndSkipsMissingNames() throws Exception {
        URL classes = Initialized.class.getProtectionDomain().getCodeSource().getLocation();
        try (LoadRecordingClassLoader loader = new LoadRecordingClassLoader(classes)) {
            String target = HasStaticInitializer.class.getName();

            int loaded = ClassPreloader.preload(List.of("io.pinpush.NoSuchClass", target), loader);

            assertThat(loaded).isEqualTo(1);
            assertThat(loader.isLoaded(target)).isTrue();
            assertThat(initialized(loader)).as("static initializer run by preloading").isFalse();
            Class.forName(target, true, loader); // what the function's own first use does
            assertThat(initialized(loader)).isTrue();
        }
    }

    /** Lambda's loader of the function's code is not parallel capable: the JDK's classes must not queue on it. */
    @Test
    void theJdksClassesAreNotAskedOfTheFunctionsLoader() throws Exception {
        URL classes = Initialized.class.getProtectionDomain().getCodeSource().getLocation();
        try (LoadRecordingClassLoader loader = new LoadRecordingClassLoader(classes)) {
            String own = HasStaticInitializer.class.getName();

            int loaded = ClassPreloader.preload(List.of("java.util.zip.Adler32", "sun.security.ssl.SSLEngineImpl", own),
                    loader);

            assertThat(loaded).isEqualTo(3);
            // (Defining the function's class asks for its superclass, java.lang.Object: the JVM's doing, not ours.)
            assertThat(loader.asked).contains(own).doesNotContain("java.util.zip.Adler32", "sun.security.ssl.SSLEngineImpl");
        }
    }

    @Test
    void aFunctionWithoutAListPreloadsNothing() {
        assertThat(ClassPreloader.list("campaign-tick")).isEmpty();
        assertThat(ClassPreloader.start("campaign-tick")).isEmpty();
    }

    @Test
    void startedPreloadingRunsOnADaemonThread() throws InterruptedException {
        assumeFalse("false".equalsIgnoreCase(System.getenv(ClassPreloader.SETTING)), "preloading turned off here");
        Thread thread = ClassPreloader.start("api").orElseThrow();

        assertThat(thread.isDaemon()).isTrue(); // never keeps a function's JVM alive
        thread.join(60_000);
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void aSnapshotIsPreparedOnlyOnceThePreloadingHasFinished() {
        // A preloading that certainly outlives the call below (a real list may already be loaded by other tests).
        AtomicBoolean preloaded = new AtomicBoolean();
        ClassPreloader.track(new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            preloaded.set(true);
        }));
        AtomicBoolean preloadedBeforeWarmUp = new AtomicBoolean();
        Priming priming = Priming.builder().warmUp("probe", () -> preloadedBeforeWarmUp.set(preloaded.get())).build();

        assertThat(priming.prepareSnapshot()).isEmpty();

        // Otherwise the snapshot would hold whatever half of the list was loaded when SnapStart took it.
        assertThat(preloadedBeforeWarmUp).as("the preloading finished before the warm-ups ran").isTrue();
    }

    /** The flag {@link HasStaticInitializer} sets, read in the loader's own copy of this class. */
    private static boolean initialized(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> holder = Class.forName(Initialized.class.getName(), true, loader);
        return ((AtomicBoolean) holder.getField("FLAG").get(null)).get();
    }

    public static final class Initialized {
        public static final AtomicBoolean FLAG = new AtomicBoolean();
    }

    public static final class HasStaticInitializer {
        static {
            Initialized.FLAG.set(true);
        }
    }

    /** Defines this module's test classes itself (not its parent), so it can tell which it has loaded and was asked for. */
    private static final class LoadRecordingClassLoader extends URLClassLoader {
        final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

        LoadRecordingClassLoader(URL classes) {
            super(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            return super.loadClass(name, resolve);
        }

        boolean isLoaded(String name) {
            return findLoadedClass(name) != null;
        }
    }
}
