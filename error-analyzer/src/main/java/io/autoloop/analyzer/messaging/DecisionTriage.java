package io.autoloop.analyzer.messaging;

import io.autoloop.analyzer.domain.IgnoredDecision;
import io.autoloop.contracts.Decision;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Consumes {@code serving.decisions} and forwards each readable decision re-keyed by its pseudonymous user id, the
 * key of {@code feedback.events}, so that it meets its feedback; an unreadable one becomes a dead letter.
 */
final class DecisionTriage extends ContextualProcessor<String, Parsed<Decision>, String, Emitted> {

    private final AnalyzerMetrics metrics;

    DecisionTriage(AnalyzerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Record<String, Parsed<Decision>> record) {
        if (record.value() instanceof Parsed.Ok<Decision> ok) {
            context().forward(record.withKey(ok.value().userId()).withValue(new Emitted.DecisionByUser(ok)));
            return;
        }
        metrics.ignored(IgnoredDecision.UNREADABLE);
        Instant now = Instant.ofEpochMilli(context().currentSystemTimeMs());
        context()
                .forward(record.withValue(new Emitted.Rejection(
                        DeadLetters.unreadableDecision((Parsed.Unreadable<Decision>) record.value(), now))));
    }
}
