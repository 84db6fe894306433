package io.autoloop.analyzer.topology;

import io.autoloop.analyzer.state.Parsed;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.FeedbackEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The record timestamps of the analyzer's inputs: a decision's {@code servedAt} and a feedback event's skew-corrected
 * {@code eventTime}; the repartitioned decisions carry theirs on. An unreadable record keeps its Kafka timestamp.
 */
final class EventTimes {

    /** Reads {@code servedAt} from a {@code Parsed<Decision>}. */
    static final TimestampExtractor DECISION = EventTimes::decisionTime;

    /** Reads {@code eventTime} from a {@code Parsed<FeedbackEvent>}. */
    static final TimestampExtractor FEEDBACK = EventTimes::feedbackTime;

    private EventTimes() {}

    private static long decisionTime(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof Parsed.Ok<?> ok && ok.value() instanceof Decision decision) {
            return decision.servedAt().toEpochMilli();
        }
        return fallback(record, partitionTime);
    }

    private static long feedbackTime(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof Parsed.Ok<?> ok && ok.value() instanceof FeedbackEvent event) {
            return event.eventTime().toEpochMilli();
        }
        return fallback(record, partitionTime);
    }

    private static long fallback(ConsumerRecord<Object, Object> record, long partitionTime) {
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0L);
    }
}
