package com.usepylon.jira.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A per-key cache of values computed from the database, dropped whenever the key changes.
 *
 * <p>A value loaded while a change commits could be older than that change. Each key therefore has a
 * generation that {@link #invalidate} moves on; a load stores its value only if the generation did
 * not move while it ran, so a stale value never survives an invalidation.
 *
 * <p>Bounded: past {@code maxEntries} the whole cache is dropped, which is crude but keeps memory
 * flat without a dependency; the hot keys come back with the next request.
 */
public final class InvalidatingCache<K, V> {

    private record Entry<V>(long generation, V value) {
    }

    private final int maxEntries;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Map<K, AtomicLong> generations = new ConcurrentHashMap<>();

    public InvalidatingCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    public V get(K key, Function<K, V> loader) {
        AtomicLong generation = generations.computeIfAbsent(key, k -> new AtomicLong());
        long before = generation.get();
        Entry<V> cached = entries.get(key);
        if (cached != null && cached.generation() == before) {
            return cached.value();
        }
        V value = loader.apply(key);
        if (generation.get() == before) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry<>(before, value));
        }
        return value;
    }

    public void invalidate(K key) {
        generations.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        entries.remove(key);
    }

    public void invalidateAll() {
        generations.values().forEach(AtomicLong::incrementAndGet);
        entries.clear();
    }
}
