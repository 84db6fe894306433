package io.autoloop.analyzer.topology;

import io.autoloop.analyzer.domain.IgnoredDecision;
import io.autoloop.analyzer.state.Parsed;
import io.autoloop.contracts.Decision;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Consumes one partition of {@code serving.decisions} and forwards each readable decision re-keyed by its
 * pseudonymous user id, the key of {@code feedback.events}, so that it meets its feedback; an unreadable one becomes
 * a dead letter.
 *
 * <p>Every forwarded decision carries the headers {@value #SOURCE} (this partition) and {@value #PROGRESS} (the
 * latest servedAt this partition has reached, epoch ms), and every punctuation interval a {@link Emitted.Progress}
 * with the same headers goes to every partition of the repartition topic. From them each attribution task knows how
 * far every decision partition has come, however the repartition interleaves them.
 */
final class DecisionTriage extends ContextualProcessor<String, Parsed<Decision>, String, Emitted> {

    /** The header naming the {@code serving.decisions} partition a re-keyed decision comes from (4-byte int). */
    static final String SOURCE = "autoloop.source";

    /** The header with how far that partition has come in servedAt (8-byte long, epoch ms). */
    static final String PROGRESS = "autoloop.progress";

    private final AnalyzerMetrics metrics;
    private final Duration interval;
    private int source;

    DecisionTriage(AnalyzerMetrics metrics, Duration interval) {
        this.metrics = metrics;
        this.interval = interval;
    }

    @Override
    public void init(ProcessorContext<String, Emitted> context) {
        super.init(context);
        this.source = context.taskId().partition();
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, wallClock -> {
            long progress = context.currentStreamTimeMs();
            if (progress >= 0) {
                context.forward(new Record<>(null, new Emitted.Progress(), progress, headers(null, progress)));
            }
        });
    }

    @Override
    public void process(Record<String, Parsed<Decision>> record) {
        if (record.value() instanceof Parsed.Ok<Decision> ok) {
            context()
                    .forward(record.withKey(ok.value().userId())
                            .withValue(new Emitted.DecisionByUser(ok))
                            .withHeaders(headers(record.headers(), context().currentStreamTimeMs())));
            return;
        }
        metrics.ignored(IgnoredDecision.UNREADABLE);
        Instant now = Instant.ofEpochMilli(context().currentSystemTimeMs());
        Parsed.Unreadable<Decision> unreadable = record.value() == null
                ? new Parsed.Unreadable<>("", "The record has no value.")
                : (Parsed.Unreadable<Decision>) record.value();
        context().forward(record.withValue(new Emitted.Rejection(DeadLetters.unreadableDecision(unreadable, now))));
    }

    private Headers headers(Headers original, long progress) {
        Headers headers = original == null ? new RecordHeaders() : new RecordHeaders(original.toArray());
        headers.remove(SOURCE);
        headers.remove(PROGRESS);
        headers.add(SOURCE, ByteBuffer.allocate(Integer.BYTES).putInt(source).array());
        headers.add(PROGRESS, ByteBuffer.allocate(Long.BYTES).putLong(progress).array());
        return headers;
    }
}
