package io.autoloop.analyzer.topology;

import io.autoloop.analyzer.domain.IgnoredDecision;
import io.autoloop.analyzer.domain.UnattributedReason;
import io.autoloop.analyzer.state.Parsed;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.contracts.json.ContractJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** The {@link RejectedRecord}s the analyzer writes to {@code feedback.rejected}, each naming the field at fault. */
final class DeadLetters {

    /** The {@code source} of every dead letter the analyzer writes. */
    static final String SOURCE = "error-analyzer";

    private DeadLetters() {}

    /** A feedback event that was not attributed. */
    static RejectedRecord feedback(FeedbackEvent event, UnattributedReason reason, Instant rejectedAt) {
        FieldError error = switch (reason) {
            case NO_DECISION_ID ->
                new FieldError("decisionId", "The event names no decisionId, so no decision can be joined with it.");
            case UNKNOWN_DECISION ->
                new FieldError(
                        "decisionId",
                        "No decision '" + event.decisionId() + "' arrived within its attribution window and grace.");
            case UNKNOWN_ITEM ->
                new FieldError(
                        "itemId", "Decision '" + event.decisionId() + "' did not serve item '" + event.itemId() + "'.");
            case USER_MISMATCH ->
                new FieldError("userId", "Decision '" + event.decisionId() + "' was served to another user.");
            case LATE ->
                new FieldError(
                        "eventTime",
                        "The event came after the attribution window of decision '" + event.decisionId()
                                + "' or after its labels became final.");
            case DECISION_STATE_FULL ->
                new FieldError(
                        "decisionId",
                        "Decision '" + event.decisionId() + "' already holds as much feedback as the analyzer keeps"
                                + " for one decision (analyzer.limits), and this event was not kept.");
            default ->
                throw new IllegalArgumentException(
                        "Feedback unattributed as '" + reason.wireName() + "' is not dead-lettered.");
        };
        return new RejectedRecord(
                RejectedRecord.SCHEMA_VERSION,
                SOURCE,
                event.appId(),
                reason.wireName(),
                List.of(error),
                new String(ContractJson.write(event), StandardCharsets.UTF_8),
                rejectedAt);
    }

    /** A {@code feedback.events} record that does not meet the FeedbackEvent contract. */
    static RejectedRecord unreadableFeedback(Parsed.Unreadable<?> unreadable, Instant rejectedAt) {
        return new RejectedRecord(
                RejectedRecord.SCHEMA_VERSION,
                SOURCE,
                null,
                UnattributedReason.UNREADABLE.wireName(),
                List.of(new FieldError("value", unreadable.problem())),
                unreadable.payload(),
                rejectedAt);
    }

    /** A {@code serving.decisions} record that does not meet the Decision contract. */
    static RejectedRecord unreadableDecision(Parsed.Unreadable<?> unreadable, Instant rejectedAt) {
        return new RejectedRecord(
                RejectedRecord.SCHEMA_VERSION,
                SOURCE,
                null,
                "decision-" + IgnoredDecision.UNREADABLE.wireName(),
                List.of(new FieldError("value", unreadable.problem())),
                unreadable.payload(),
                rejectedAt);
    }
}
