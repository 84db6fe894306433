package io.autoloop.analyzer.topology;

import io.autoloop.analyzer.domain.IgnoredDecision;
import io.autoloop.analyzer.domain.UnattributedReason;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * The analyzer's Micrometer counters. They count processing, not committed results: after a crash, the records
 * reprocessed since the last commit are counted again (the topics themselves stay exactly-once).
 */
final class AnalyzerMetrics {

    /** Feedback events attributed to a decision, tagged {@code type}. */
    static final String ATTRIBUTED = "autoloop.feedback.attributed";

    /** Feedback events not attributed, tagged {@code reason} ({@link UnattributedReason}). */
    static final String UNATTRIBUTED = "autoloop.feedback.unattributed";

    /**
     * Feedback events dropped as repeats of an (appId, eventId) already taken, tagged {@code app}; they are also
     * counted in {@link #UNATTRIBUTED} with reason {@code duplicate}.
     */
    static final String DUPLICATES = "autoloop.feedback.duplicates";

    /** Labelled samples emitted, tagged {@code arm} and {@code label}: per arm, label 1 over all is its CTR. */
    static final String SAMPLES = "autoloop.samples.emitted";

    /** Served items never labelled because consent was withdrawn, tagged {@code reason}. */
    static final String SUPPRESSED = "autoloop.samples.suppressed";

    /** Decisions not labelled, tagged {@code reason} ({@link IgnoredDecision}). */
    static final String DECISIONS_IGNORED = "autoloop.decisions.ignored";

    /** Decisions that arrived after their labels would have been final and were labelled on arrival. */
    static final String DECISIONS_LATE = "autoloop.decisions.late";

    /** Samples of a model version left out of error reports because their score is not a probability. */
    static final String REPORT_SKIPPED = "autoloop.reports.skipped";

    /** Records not written because they would pass the record limit, tagged {@code topic}. */
    static final String TOO_LARGE = "autoloop.records.too-large";

    private final MeterRegistry registry;

    private final Map<EventType, Counter> attributed = new EnumMap<>(EventType.class);
    private final Map<UnattributedReason, Counter> unattributed = new EnumMap<>(UnattributedReason.class);
    private final Map<IgnoredDecision, Counter> ignored = new EnumMap<>(IgnoredDecision.class);
    private final Map<Arm, Counter> positiveSamples = new EnumMap<>(Arm.class);
    private final Map<Arm, Counter> negativeSamples = new EnumMap<>(Arm.class);
    private final Counter suppressed;
    private final Counter lateDecisions;
    private final Counter reportSkipped;

    AnalyzerMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (EventType type : EventType.values()) {
            attributed.put(type, registry.counter(ATTRIBUTED, "type", type.wireName()));
        }
        for (UnattributedReason reason : UnattributedReason.values()) {
            unattributed.put(reason, registry.counter(UNATTRIBUTED, "reason", reason.wireName()));
        }
        for (IgnoredDecision reason : IgnoredDecision.values()) {
            ignored.put(reason, registry.counter(DECISIONS_IGNORED, "reason", reason.wireName()));
        }
        for (Arm arm : Arm.values()) {
            positiveSamples.put(arm, registry.counter(SAMPLES, "arm", arm.wireName(), "label", "1"));
            negativeSamples.put(arm, registry.counter(SAMPLES, "arm", arm.wireName(), "label", "0"));
        }
        suppressed = registry.counter(SUPPRESSED, "reason", UnattributedReason.NO_CONSENT.wireName());
        lateDecisions = registry.counter(DECISIONS_LATE);
        reportSkipped = registry.counter(REPORT_SKIPPED, "reason", "score-not-a-probability");
    }

    void attributed(EventType type) {
        attributed.get(type).increment();
    }

    void unattributed(UnattributedReason reason) {
        unattributed.get(reason).increment();
    }

    void duplicate(String appId) {
        registry.counter(DUPLICATES, "app", appId).increment();
    }

    void ignored(IgnoredDecision reason) {
        ignored.get(reason).increment();
    }

    void sample(Arm arm, int label) {
        (label == 1 ? positiveSamples : negativeSamples).get(arm).increment();
    }

    void suppressed(int items) {
        suppressed.increment(items);
    }

    void lateDecision() {
        lateDecisions.increment();
    }

    void reportSkipped() {
        reportSkipped.increment();
    }

    void tooLarge(String topic) {
        registry.counter(TOO_LARGE, "topic", topic).increment();
    }
}
