package io.autoloop.testing;

/**
 * One record a {@link TopicReader} read: its key and value, and where it sits in the topic.
 *
 * @param <V> the value: a contract record, or the raw bytes
 */
public record TopicRecord<V>(String key, V value, int partition, long offset) {

    /** Whether the record's key is {@code key}; false for a record without a key. */
    public boolean hasKey(String key) {
        return key.equals(this.key);
    }
}
