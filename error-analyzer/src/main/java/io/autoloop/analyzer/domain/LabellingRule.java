package io.autoloop.analyzer.domain;

import io.autoloop.contracts.EventType;

/**
 * One labelling rule: a feedback event of {@code type} whose value lies in {@code [minValue, maxValue]}
 * (either bound may be null for "unbounded"; a bounded rule never matches an event without a value) earns
 * {@code label} with {@code weight}. Among the rules matching an item's signals, the highest
 * {@code priority} decides; {@code reason} names the rule in the {@link io.autoloop.contracts.LabelledSample}.
 */
public record LabellingRule(
        String reason, EventType type, int label, double weight, int priority, Double minValue, Double maxValue) {

    public LabellingRule {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A LabellingRule needs a non-empty reason (its name).");
        }
        if (reason.equals(LabellingRules.NO_FEEDBACK) || reason.equals(LabellingRules.NO_POSITIVE)) {
            throw new IllegalArgumentException(
                    "The labelling rule name '" + reason + "' is reserved for items no rule matched; pick another.");
        }
        if (type == null) {
            throw new IllegalArgumentException("The labelling rule '" + reason + "' needs an event type.");
        }
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException(
                    "The labelling rule '" + reason + "' needs a label of 0 or 1, but it is " + label + ".");
        }
        if (!(weight >= 0.0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("The labelling rule '" + reason
                    + "' needs a finite weight of zero or more, but it is " + weight + ".");
        }
        if (minValue != null && maxValue != null && minValue > maxValue) {
            throw new IllegalArgumentException("The labelling rule '" + reason + "' has min-value " + minValue
                    + " above max-value " + maxValue + ", so it could never match.");
        }
    }

    /** A rule for every event of {@code type}, whatever its value. */
    public static LabellingRule always(String reason, EventType type, int label, int priority) {
        return new LabellingRule(reason, type, label, 1.0, priority, null, null);
    }

    /** Whether a signal of this type and value satisfies this rule. */
    public boolean matches(EventType signalType, Double value) {
        if (signalType != type) {
            return false;
        }
        if (minValue == null && maxValue == null) {
            return true;
        }
        if (value == null) {
            return false;
        }
        return (minValue == null || value >= minValue) && (maxValue == null || value <= maxValue);
    }
}
