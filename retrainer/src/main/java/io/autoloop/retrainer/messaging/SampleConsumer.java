package io.autoloop.retrainer.messaging;

import io.autoloop.retrainer.config.RetrainerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the raw records of the samples topic ({@code training.samples}) for the training loop: a plain consumer
 * without a group that {@code assign}s every partition and {@code seek}s to the checkpointed offsets (the beginning
 * of a partition without one). Offsets are never committed to Kafka: the trainer checkpoint is their only record.
 * It reads with {@code isolation.level=read_committed}, since the error-analyzer writes in transactions.
 *
 * <p>Not thread-safe, except {@link #wakeup()}.
 */
public final class SampleConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SampleConsumer.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Duration pollTimeout;
    private Set<TopicPartition> assigned = Set.of();

    /** A consumer of {@code config.samplesTopic()}; call {@link #assign} before polling. */
    public SampleConsumer(RetrainerConfig config) {
        this.topic = config.samplesTopic();
        this.pollTimeout = config.kafka().pollTimeout();
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        config.kafka().bootstrapServers(),
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "retrainer-" + config.modelName(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        config.kafka().maxPollRecords(),
                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        10_000),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /**
     * Assigns every partition of the topic that is not assigned yet, positioned at its offset in {@code offsets}
     * (keyed like {@code training.samples-3}) or at its beginning; partitions added to the topic later are picked up
     * by calling it again.
     *
     * @return the number of newly assigned partitions
     * @throws IllegalStateException when the topic has no partitions (it does not exist and cannot be created)
     */
    public int assign(Map<String, Long> offsets) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("Topic " + topic + " has no partitions; create it (deploy/local/stack"
                    + " creates training.samples) or point retrainer.samples-topic at an existing topic.");
        }
        Set<TopicPartition> all = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .collect(Collectors.toSet());
        List<TopicPartition> added = new ArrayList<>(all);
        added.removeAll(assigned);
        if (added.isEmpty()) {
            return 0;
        }
        consumer.assign(all);
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition partition : added) {
            Long offset = offsets.get(partition.toString());
            if (offset == null) {
                fromStart.add(partition);
            } else {
                consumer.seek(partition, offset);
            }
        }
        if (!fromStart.isEmpty()) {
            // An empty collection would rewind every assigned partition.
            consumer.seekToBeginning(fromStart);
        }
        LOG.infof(
                "Reading %s: %d partitions, %d from checkpointed offsets, %d from the beginning",
                topic, all.size(), added.size() - fromStart.size(), fromStart.size());
        assigned = all;
        return added.size();
    }

    /**
     * The records on the topic beyond the consumer's position, per assigned partition (e.g.
     * {@code training.samples-3 → 40}), as the last fetch of each measured them; a partition not fetched yet is left
     * out. No call to the broker.
     */
    public Map<String, Long> lags() {
        Map<String, Long> lags = new TreeMap<>();
        for (TopicPartition partition : assigned) {
            consumer.currentLag(partition).ifPresent(lag -> lags.put(partition.toString(), lag));
        }
        return lags;
    }

    /** The next batch of records, waiting at most {@code retrainer.kafka.poll-timeout}. */
    public ConsumerRecords<byte[], byte[]> poll() {
        return consumer.poll(pollTimeout);
    }

    /** Makes a blocking {@link #poll} (from another thread) return at once with a WakeupException. */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
