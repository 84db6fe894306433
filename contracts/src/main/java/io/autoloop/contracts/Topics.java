package io.autoloop.contracts;

import java.util.List;

/** The topics of the loop (docs/architecture.md, "Topics"), each named once; keys are strings, values JSON records. */
public final class Topics {

    /** Keyed by pseudonymous user id; collector → analyzer. */
    public static final Topic<FeedbackEvent> FEEDBACK_EVENTS = new Topic<>("feedback.events", FeedbackEvent.class);

    /** Keyed by decision id; router → analyzer. */
    public static final Topic<Decision> SERVING_DECISIONS = new Topic<>("serving.decisions", Decision.class);

    /** Keyed by pseudonymous user id; analyzer → retrainer. */
    public static final Topic<LabelledSample> TRAINING_SAMPLES = new Topic<>("training.samples", LabelledSample.class);

    /** Keyed by model version; analyzer → router and dashboards. */
    public static final Topic<ErrorReport> ANALYSIS_REPORTS = new Topic<>("analysis.reports", ErrorReport.class);

    /** Keyed by experiment id; analyzer → router. */
    public static final Topic<ArmStats> EXPERIMENT_ARM_STATS = new Topic<>("experiment.arm-stats", ArmStats.class);

    /** Keyed by model name; retrainer → router. */
    public static final Topic<ModelVersion> MODEL_VERSIONS = new Topic<>("model.versions", ModelVersion.class);

    /** Dead letters of the collector and the analyzer. */
    public static final Topic<RejectedRecord> FEEDBACK_REJECTED =
            new Topic<>("feedback.rejected", RejectedRecord.class);

    /** Keyed by subject; every service. */
    public static final Topic<AuditEntry> AUDIT_LOG = new Topic<>("audit.log", AuditEntry.class);

    /** Every topic, in the order of docs/architecture.md. */
    public static final List<Topic<?>> ALL = List.of(
            FEEDBACK_EVENTS,
            SERVING_DECISIONS,
            TRAINING_SAMPLES,
            ANALYSIS_REPORTS,
            EXPERIMENT_ARM_STATS,
            MODEL_VERSIONS,
            FEEDBACK_REJECTED,
            AUDIT_LOG);

    private Topics() {}
}
