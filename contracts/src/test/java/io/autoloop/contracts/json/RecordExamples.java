package io.autoloop.contracts.json;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ArmStats;
import io.autoloop.contracts.AuditEntry;
import io.autoloop.contracts.CalibrationBucket;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.ErrorReport;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.LineageRef;
import io.autoloop.contracts.ModelMetrics;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.contracts.ServedItem;
import io.autoloop.contracts.Topic;
import io.autoloop.contracts.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One valid instance of every wire record, for round-trip tests. */
final class RecordExamples {

    static final Instant T0 = Instant.parse("2026-11-30T10:15:30.123Z");
    static final Map<String, Map<String, Object>> FEATURES =
            Map.of("user", Map.of("segment", "a"), "item", Map.of("price", 12.5), "context", Map.of("device", "ios"));

    static FeedbackEvent feedbackEvent() {
        return new FeedbackEvent(
                1,
                "e-1",
                EventType.RATING,
                "u-hash",
                "item-9",
                "d-1",
                T0,
                T0.plusSeconds(2),
                4.0,
                Map.of("screen", "home", "slot", 2),
                false,
                "app-1",
                T0.plusSeconds(3),
                T0.plusSeconds(1));
    }

    static Decision decision() {
        return new Decision(
                1,
                "d-1",
                "u-hash",
                "exp-1",
                Arm.CHALLENGER,
                "1.2.0",
                T0,
                List.of(
                        new ServedItem("item-9", 1, 0.12, 1.0, FEATURES),
                        new ServedItem("item-3", 2, 0.08, 0.05, FEATURES)));
    }

    static LabelledSample labelledSample() {
        return new LabelledSample(
                1,
                "d-1",
                "u-hash",
                "item-9",
                1,
                1.0,
                FEATURES,
                1,
                1.0,
                "click",
                "exp-1",
                "1.2.0",
                Arm.CHAMPION,
                0.12,
                T0,
                true);
    }

    static ModelVersion modelVersion() {
        return new ModelVersion(
                ModelVersion.SCHEMA_VERSION,
                "ctr",
                "1.3.0",
                "1.2.0",
                T0,
                120_000,
                new ModelMetrics(120_000, 0.034, 0.52, 1.01, 0.033),
                "ab12",
                RedisKeys.model("ctr", "1.3.0"),
                new LineageRef("3f9a2c1b5d7e8f60", "default"));
    }

    static ArmStats armStats() {
        return new ArmStats(1, "exp-1", Arm.CHALLENGER, "1.3.0", 1000, 12, 5000, 61, T0, T0.plusSeconds(60));
    }

    static ErrorReport errorReport() {
        return new ErrorReport(
                1,
                "1.3.0",
                T0,
                T0.plusSeconds(60),
                1000,
                12,
                0.012,
                0.011,
                0.065,
                0.011,
                0.61,
                List.of(new CalibrationBucket(0.0, 0.1, 990, 11, 10.2), new CalibrationBucket(0.1, 0.2, 10, 1, 1.3)));
    }

    static AuditEntry auditEntry() {
        return new AuditEntry(
                1,
                "a-1",
                T0,
                "ab-router",
                "controller",
                "exp-1",
                "advance",
                "gain 4.1% >= 2%, p=0.01",
                Map.of("weight", 10, "pValue", 0.01));
    }

    static RejectedRecord rejectedRecord() {
        return new RejectedRecord(
                1,
                "feedback-collector",
                "app-1",
                "validation",
                List.of(new FieldError("events[0].value", "A rating must be an integer from 1 to 5.")),
                "{\"eventId\":\"e-1\"}",
                T0);
    }

    /** One example per topic, keyed by the topic. */
    static Map<Topic<?>, Object> byTopic() {
        return Map.of(
                Topics.FEEDBACK_EVENTS, feedbackEvent(),
                Topics.SERVING_DECISIONS, decision(),
                Topics.TRAINING_SAMPLES, labelledSample(),
                Topics.ANALYSIS_REPORTS, errorReport(),
                Topics.EXPERIMENT_ARM_STATS, armStats(),
                Topics.MODEL_VERSIONS, modelVersion(),
                Topics.FEEDBACK_REJECTED, rejectedRecord(),
                Topics.AUDIT_LOG, auditEntry());
    }

    /** The example whose record class has this simple name. */
    static Object named(String recordName) {
        return byTopic().values().stream()
                .filter(r -> r.getClass().getSimpleName().equals(recordName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("There is no example of a " + recordName + "."));
    }

    private RecordExamples() {}
}
