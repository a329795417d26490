package dev.greenlight.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Per-run services created on first use and shared by every item of the run (the AWS clients,
 * the git facts). Registered by whoever starts the run, so the engine knows none of them.
 */
public final class Services implements AutoCloseable {
    private final Map<Class<?>, Supplier<?>> factories = new LinkedHashMap<>();
    private final Map<Class<?>, Object> instances = new LinkedHashMap<>();

    public <T> Services register(Class<T> type, Supplier<? extends T> factory) {
        factories.put(type, factory);
        return this;
    }

    public synchronized <T> Optional<T> find(Class<T> type) {
        Object existing = instances.get(type);
        if (existing != null) {
            return Optional.of(type.cast(existing));
        }
        Supplier<?> f = factories.get(type);
        if (f == null) {
            return Optional.empty();
        }
        T created = type.cast(f.get());
        instances.put(type, created);
        return Optional.of(created);
    }

    /** Services already created; for report headers that must not trigger network calls. */
    public synchronized <T> Optional<T> ifCreated(Class<T> type) {
        return Optional.ofNullable(type.cast(instances.get(type)));
    }

    @Override
    public synchronized void close() {
        for (Object o : instances.values()) {
            if (o instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing a client cannot change any verdict
                }
            }
        }
        instances.clear();
    }
}
