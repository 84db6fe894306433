package io.autoloop.router.domain.memory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps only its {@code capacity} most recently added keys: consumes entries and produces a thread-safe map
 * that forgets the key added longest ago once a new key would exceed the capacity (writing a key it holds does not
 * make it newer; a forgotten key written again is added anew). For what a replica remembers about model versions,
 * whose number grows with every publish for as long as it runs.
 */
public final class RecentEntries {

    private RecentEntries() {}

    /** An empty synchronized map of at most {@code capacity} entries, forgetting the key added longest ago first. */
    public static <K, V> Map<K, V> of(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException(
                    "A map of recent entries needs room for one, got a capacity of " + capacity + ".");
        }
        return Collections.synchronizedMap(new Bounded<>(capacity));
    }

    private static final class Bounded<K, V> extends LinkedHashMap<K, V> {

        private final int capacity;

        Bounded(int capacity) {
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
        }
    }
}
