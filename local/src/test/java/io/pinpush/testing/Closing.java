package io.pinpush.testing;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Something a JUnit store holds for tests and closes when that store's context ends (the run, or a class). */
public record Closing<T extends AutoCloseable>(T resource) implements ExtensionContext.Store.CloseableResource {

    /** The store's {@code key}, started with {@code start} on first use. */
    @SuppressWarnings("unchecked")
    public static <T extends AutoCloseable> T in(ExtensionContext.Store store, Object key, Supplier<T> start) {
        return (T) store.getOrComputeIfAbsent(key, k -> new Closing<>(start.get()), Closing.class).resource();
    }

    @Override
    public void close() throws Exception {
        resource.close();
    }
}
