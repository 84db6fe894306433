package io.autoloop.testing;

import java.util.Map;

/**
 * An offset for every partition of one topic, read from the broker at one moment: where a {@link TopicReader} starts
 * (the end offsets taken before an action, or the beginning).
 *
 * @param topic the topic's name
 * @param byPartition partition number → offset
 */
public record Offsets(String topic, Map<Integer, Long> byPartition) {

    public Offsets {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("Offsets need the name of their topic.");
        }
        byPartition = Map.copyOf(byPartition);
    }

    /** The sum of the offsets over the partitions: of end offsets, how many offsets the topic has used so far. */
    public long total() {
        return byPartition.values().stream().mapToLong(Long::longValue).sum();
    }
}
