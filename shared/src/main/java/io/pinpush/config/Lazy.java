package io.pinpush.config;

import java.util.function.Supplier;

/**
 * A value built on first use, at most once. Parts that a function may never need (an AWS SDK client, the template
 * engine, a provider gateway) are held this way, so that a cold start builds only what its first event uses.
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    public Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T result = value;
        if (result == null) {
            synchronized (this) {
                result = value;
                if (result == null) {
                    result = factory.get();
                    value = result;
                }
            }
        }
        return result;
    }

    public boolean isCreated() {
        return value != null;
    }
}
