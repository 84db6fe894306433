package io.autoloop.analyzer.config;

import io.autoloop.contracts.Topics;

/** The topics the analyzer reads and writes; {@link #standard()} are the names of {@link Topics}. */
public record TopicNames(
        String decisions, String feedback, String samples, String reports, String armStats, String rejected) {

    public TopicNames {
        for (String name : new String[] {decisions, feedback, samples, reports, armStats, rejected}) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("Every analyzer topic needs a non-empty name.");
            }
        }
    }

    /** The topics of the loop, as {@code io.autoloop.contracts.Topics} names them. */
    public static TopicNames standard() {
        return new TopicNames(
                Topics.SERVING_DECISIONS.name(),
                Topics.FEEDBACK_EVENTS.name(),
                Topics.TRAINING_SAMPLES.name(),
                Topics.ANALYSIS_REPORTS.name(),
                Topics.EXPERIMENT_ARM_STATS.name(),
                Topics.FEEDBACK_REJECTED.name());
    }

    /** The same topics with {@code prefix} in front of each name (tests and benchmarks use their own). */
    public TopicNames prefixed(String prefix) {
        return new TopicNames(
                prefix + decisions,
                prefix + feedback,
                prefix + samples,
                prefix + reports,
                prefix + armStats,
                prefix + rejected);
    }
}
