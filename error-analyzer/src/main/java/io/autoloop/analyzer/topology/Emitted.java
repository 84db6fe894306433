package io.autoloop.analyzer.topology;

import io.autoloop.analyzer.state.ArmPart;
import io.autoloop.analyzer.state.Parsed;
import io.autoloop.analyzer.state.ReportPart;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.RejectedRecord;

/** What the analyzer's processors emit; the topology routes each kind to its topic. */
sealed interface Emitted {

    /** A readable decision, re-keyed by its pseudonymous user id. */
    record DecisionByUser(Parsed.Ok<Decision> decision) implements Emitted {}

    /** How far a decision partition has come; the headers say which partition and how far (see DecisionTriage). */
    record Progress() implements Emitted {}

    /** A labelled sample, keyed by pseudonymous user id, for {@code training.samples}. */
    record Sample(LabelledSample sample) implements Emitted {}

    /** A dead letter for {@code feedback.rejected}. */
    record Rejection(RejectedRecord rejected) implements Emitted {}

    /** The errors of a batch of samples of one model version (the key), for the report aggregation. */
    record ErrorCounts(ReportPart part) implements Emitted {}

    /** The arm counts of a batch of samples of one experiment (the key), for the arm-stats aggregation. */
    record ArmCounts(ArmPart part) implements Emitted {}
}
