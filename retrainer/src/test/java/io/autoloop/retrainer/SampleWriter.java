package io.autoloop.retrainer;

import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.Topic;
import io.autoloop.testing.TopicWriter;

/**
 * Writes to a retrainer's samples topic on the local stack as the error-analyzer does: {@link LabelledSample}s keyed
 * by user id, or raw bytes for what no sample can be. Closing it waits for every write and fails if one failed.
 */
public final class SampleWriter implements AutoCloseable {

    private final Topic<LabelledSample> topic;
    private final TopicWriter writer = TopicWriter.localStack();

    /** A writer to the samples topic {@code name}. */
    public SampleWriter(String name) {
        this.topic = new Topic<>(name, LabelledSample.class);
    }

    public void send(LabelledSample sample) {
        writer.send(topic, sample.userId(), sample);
    }

    /** Sends {@code value} as it is, e.g. a record that is not JSON. */
    public void sendRaw(String key, byte[] value) {
        writer.sendRaw(topic.name(), key, value);
    }

    /** Waits until everything sent is written; fails if something was not. */
    public void flush() {
        writer.flush();
    }

    @Override
    public void close() {
        writer.close();
    }
}
