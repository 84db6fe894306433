package io.autoloop.analyzer.domain;

import io.autoloop.contracts.EventType;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the signals an item collected in its attribution window into one {@link Label}.
 *
 * <p>The combine rule: each signal is judged by the highest-priority rule it matches; the item takes the label,
 * weight and reason of the best judged signal — highest rule priority first, then the earliest event time,
 * then the smallest event id, so the result depends neither on arrival order nor on duplicates. An item none of
 * whose signals matched a rule gets label 0 with the default weight and the reason {@value #NO_FEEDBACK} (it
 * collected no signal at all) or {@value #NO_POSITIVE} (it collected only signals no rule matches, such as an
 * impression or a rating of 3). With the {@linkplain #standard() standard rules} any positive signal therefore
 * wins over an explicit negative rating, and a negative rating wins over the default.
 */
public final class LabellingRules {

    /** The reason of an item that collected no signal. */
    public static final String NO_FEEDBACK = "no-feedback";

    /** The reason of an item whose signals matched no rule. */
    public static final String NO_POSITIVE = "no-positive";

    private final List<LabellingRule> rules;
    private final double defaultWeight;
    private final Comparator<Signal> decidingFirst;

    /**
     * @param rules at least one rule; the order does not matter
     * @param defaultWeight the weight of an item no rule matched
     */
    public LabellingRules(Collection<LabellingRule> rules, double defaultWeight) {
        if (rules == null || rules.isEmpty()) {
            throw new IllegalArgumentException("Labelling needs at least one rule.");
        }
        if (!(defaultWeight >= 0.0) || Double.isInfinite(defaultWeight)) {
            throw new IllegalArgumentException(
                    "The default labelling weight must be finite and zero or more, but it is " + defaultWeight + ".");
        }
        long distinctReasons =
                rules.stream().map(LabellingRule::reason).distinct().count();
        if (distinctReasons != rules.size()) {
            throw new IllegalArgumentException("Every labelling rule needs its own reason, but two share a name.");
        }
        this.rules = rules.stream()
                .sorted(Comparator.comparingInt(LabellingRule::priority)
                        .reversed()
                        .thenComparing(LabellingRule::reason))
                .toList();
        this.defaultWeight = defaultWeight;
        this.decidingFirst = Comparator.comparingLong(this::rank)
                .thenComparing(Signal::eventTime)
                .thenComparing(Signal::eventId);
    }

    /**
     * The default rules: conversion and click → 1, rating ≥ 4 → 1, dwell completion ≥ 0.9 → 1, rating ≤ 2 → 0,
     * with priorities in that order and weight 1 everywhere.
     */
    public static LabellingRules standard() {
        return new LabellingRules(
                List.of(
                        LabellingRule.always("conversion", EventType.CONVERSION, 1, 50),
                        LabellingRule.always("click", EventType.CLICK, 1, 40),
                        new LabellingRule("rating-positive", EventType.RATING, 1, 1.0, 30, 4.0, null),
                        new LabellingRule("dwell-complete", EventType.DWELL, 1, 1.0, 20, 0.9, null),
                        new LabellingRule("rating-negative", EventType.RATING, 0, 1.0, 10, null, 2.0)),
                1.0);
    }

    /** The rules, highest priority first. */
    public List<LabellingRule> rules() {
        return rules;
    }

    public double defaultWeight() {
        return defaultWeight;
    }

    /**
     * The combine rule as an order over the signals of one item: first the signals matched by a higher-priority rule,
     * then the earlier, then the smaller eventId; signals no rule matches come last. An item's label is decided by
     * the first of its signals in this order alone, so a signal that another signal of the same item precedes can be
     * left out without changing the label.
     */
    public Comparator<Signal> decidingFirst() {
        return decidingFirst;
    }

    /** The label of one item from the signals it collected (all of them about that item). */
    public Label label(Collection<Signal> signals) {
        Signal deciding = null;
        for (Signal signal : signals) {
            if (deciding == null || decidingFirst.compare(signal, deciding) < 0) {
                deciding = signal;
            }
        }
        LabellingRule rule = deciding == null ? null : ruleFor(deciding);
        if (rule == null) {
            return new Label(0, defaultWeight, deciding == null ? NO_FEEDBACK : NO_POSITIVE);
        }
        return new Label(rule.label(), rule.weight(), rule.reason());
    }

    private LabellingRule ruleFor(Signal signal) {
        for (LabellingRule rule : rules) {
            if (rule.matches(signal.type(), signal.value())) {
                return rule;
            }
        }
        return null;
    }

    /** Minus the priority of the rule that judges {@code signal}; after every rule when none matches it. */
    private long rank(Signal signal) {
        LabellingRule rule = ruleFor(signal);
        return rule == null ? Long.MAX_VALUE : -(long) rule.priority();
    }
}
