package io.autoloop.router.service.ranking;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The features of one namespace as a ranking request carries them: an immutable map from feature name to a string,
 * number, boolean (or, for invalid input, a nested JSON value), stored in two parallel arrays in the order given.
 * Ranking reads thousands of these per request; arrays cost a fraction of a {@link java.util.LinkedHashMap}'s entries
 * and tables, and {@link #name(int)} / {@link #value(int)} walk them without allocating.
 *
 * <p>Building one is linear in the number of names given, duplicates included ({@link #keepLastValues}), since it
 * happens while the request is parsed, before any limit on the number of features is checked. {@link #get} and
 * {@link #containsKey} scan the names: ranking walks the map instead.
 */
final class FeatureMap extends AbstractMap<String, Object> {

    /** Up to this many names, repeated ones are found by comparing every pair: cheaper than hashing so few. */
    static final int SCAN_LIMIT = 8;

    private static final FeatureMap EMPTY = new FeatureMap(new String[0], new Object[0], 0);

    private final String[] names;
    private final Object[] values;
    private final int size;

    private FeatureMap(String[] names, Object[] values, int size) {
        this.names = names;
        this.values = values;
        this.size = size;
    }

    /**
     * A map of the first {@code size} names and values, which it takes ownership of; a repeated name keeps the position
     * of its first occurrence and its last value.
     */
    static FeatureMap of(String[] names, Object[] values, int size) {
        if (size == 0) {
            return EMPTY;
        }
        return new FeatureMap(names, values, keepLastValues(names, values, size));
    }

    /**
     * Removes repeated names from the first {@code size} entries of the parallel arrays, in place: each name keeps the
     * position of its first occurrence and the value of its last; returns how many entries are left, at the front.
     *
     * <p>Cost: up to {@link #SCAN_LIMIT} names, every pair is compared; beyond, each name is looked up once in a
     * {@link HashMap} of the names kept, so the cost is linear in {@code size} (names crafted to share one hash code
     * cost O(log size) each in the map's tree bins, as the names are {@link Comparable}, never O(size)).
     */
    static <K> int keepLastValues(K[] names, Object[] values, int size) {
        if (size <= SCAN_LIMIT) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                int previous = indexOf(names, kept, names[i]);
                if (previous >= 0) {
                    values[previous] = values[i];
                } else {
                    names[kept] = names[i];
                    values[kept] = values[i];
                    kept++;
                }
            }
            return kept;
        }
        Map<K, Integer> positions = new HashMap<>(size * 2);
        int kept = 0;
        for (int i = 0; i < size; i++) {
            Integer previous = positions.putIfAbsent(names[i], kept);
            if (previous != null) {
                values[previous] = values[i];
            } else {
                names[kept] = names[i];
                values[kept] = values[i];
                kept++;
            }
        }
        return kept;
    }

    private static int indexOf(Object[] names, int size, Object name) {
        for (int i = 0; i < size; i++) {
            Object candidate = names[i];
            if (candidate == name || candidate.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The name of feature {@code i}, {@code 0 <= i < size()}. */
    String name(int i) {
        return names[i];
    }

    /** The value of feature {@code i}, {@code 0 <= i < size()}. */
    Object value(int i) {
        return values[i];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Object get(Object key) {
        int i = key instanceof String name ? indexOf(names, size, name) : -1;
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && indexOf(names, size, name) >= 0;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < size; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> entry = new SimpleImmutableEntry<>(names[next], values[next]);
                        next++;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** The features of {@code map} as a {@link FeatureMap}, copying only when it is another kind of map. */
    static FeatureMap copyOf(Map<String, Object> map) {
        if (map instanceof FeatureMap features) {
            return features;
        }
        String[] names = new String[map.size()];
        Object[] values = new Object[map.size()];
        int[] i = {0};
        map.forEach((name, value) -> {
            names[i[0]] = name;
            values[i[0]] = value;
            i[0]++;
        });
        return of(names, values, i[0]);
    }
}
