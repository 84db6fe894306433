package io.autoloop.loadgen;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Makes the Kafka records of the plain-producer baseline: batch number {@code sequence} holds the records a
 * service would write for request body number {@code sequence}. Thread-safe.
 */
public interface RecordGenerator {

    /** The records of batch number {@code sequence} for {@code topic}. */
    List<ProducerRecord<String, byte[]>> records(String topic, long sequence);
}
