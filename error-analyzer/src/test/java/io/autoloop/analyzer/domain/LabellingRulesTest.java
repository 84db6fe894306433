package io.autoloop.analyzer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.contracts.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabellingRulesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final LabellingRules rules = LabellingRules.standard();

    @ParameterizedTest(name = "{0} {1} → {2} ({3})")
    @CsvSource(
            nullValues = "none",
            value = {
                "click, none, 1, click",
                "conversion, 3.5, 1, conversion",
                "rating, 5, 1, rating-positive",
                "rating, 4, 1, rating-positive",
                "rating, 3.99, 0, no-positive",
                "rating, 2.01, 0, no-positive",
                "rating, 2, 0, rating-negative",
                "rating, none, 0, no-positive",
                "dwell, 1.0, 1, dwell-complete",
                "dwell, 0.9, 1, dwell-complete",
                "dwell, 0.8999, 0, no-positive",
                "impression, none, 0, no-positive"
            })
    void oneSignal(String type, Double value, int label, String reason) {
        Label labelled = rules.label(List.of(signal("e1", EventType.fromWire(type), value, 0)));

        assertThat(labelled).isEqualTo(new Label(label, 1.0, reason));
    }

    @Test
    void nothingCollectedIsTheDefaultReward() {
        assertThat(rules.label(List.of())).isEqualTo(new Label(0, 1.0, "no-feedback"));
    }

    @Test
    void anyPositiveWinsOverANegativeRatingAndTheHighestPriorityNamesIt() {
        List<Signal> signals = List.of(
                signal("e1", EventType.RATING, 1.0, 0),
                signal("e2", EventType.DWELL, 0.95, 1),
                signal("e3", EventType.CLICK, null, 2),
                signal("e4", EventType.IMPRESSION, null, 3));

        assertThat(rules.label(signals)).isEqualTo(new Label(1, 1.0, "click"));
    }

    @Test
    void theResultDoesNotDependOnOrderOrDuplicates() {
        List<Signal> signals = new ArrayList<>(List.of(
                signal("e1", EventType.RATING, 2.0, 5),
                signal("e2", EventType.DWELL, 0.2, 1),
                signal("e3", EventType.RATING, 1.0, 3)));
        Label once = rules.label(signals);
        signals.add(signals.get(0));
        Collections.reverse(signals);

        assertThat(rules.label(signals)).isEqualTo(once).isEqualTo(new Label(0, 1.0, "rating-negative"));
    }

    @Test
    void theDecidingOrderPutsHigherPrioritiesFirstThenEarlierSignalsAndUnmatchedSignalsLast() {
        Signal impression = signal("e1", EventType.IMPRESSION, null, 0);
        Signal laterClick = signal("e2", EventType.CLICK, null, 5);
        Signal earlierClick = signal("e3", EventType.CLICK, null, 1);
        Signal conversion = signal("e4", EventType.CONVERSION, 1.0, 9);
        Signal badRating = signal("e5", EventType.RATING, 1.0, 0);
        List<Signal> signals = new ArrayList<>(List.of(impression, laterClick, earlierClick, conversion, badRating));

        signals.sort(rules.decidingFirst());

        assertThat(signals).containsExactly(conversion, earlierClick, laterClick, badRating, impression);
        assertThat(rules.label(signals)).isEqualTo(rules.label(signals.subList(0, 1)));
    }

    @Test
    void configuredRulesDecideLabelWeightAndReason() {
        LabellingRules strict = new LabellingRules(
                List.of(
                        new LabellingRule("watched", EventType.DWELL, 1, 2.5, 20, 0.5, null),
                        new LabellingRule("disliked", EventType.RATING, 0, 3.0, 60, null, 1.0)),
                0.25);

        assertThat(strict.label(List.of(signal("e1", EventType.DWELL, 0.6, 0))))
                .isEqualTo(new Label(1, 2.5, "watched"));
        assertThat(strict.label(List.of(signal("e1", EventType.DWELL, 0.6, 0), signal("e2", EventType.RATING, 1.0, 1))))
                .isEqualTo(new Label(0, 3.0, "disliked"));
        assertThat(strict.label(List.of(signal("e1", EventType.CLICK, null, 0))))
                .isEqualTo(new Label(0, 0.25, "no-positive"));
    }

    @Test
    void badRulesAreRefusedWithASentence() {
        assertThatThrownBy(() -> new LabellingRule("x", EventType.RATING, 2, 1.0, 1, null, null))
                .hasMessage("The labelling rule 'x' needs a label of 0 or 1, but it is 2.");
        assertThatThrownBy(() -> new LabellingRule("x", EventType.RATING, 1, 1.0, 1, 4.0, 2.0))
                .hasMessageContaining("could never match");
        assertThatThrownBy(() -> new LabellingRule("no-feedback", EventType.CLICK, 1, 1.0, 1, null, null))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> new LabellingRules(
                        List.of(
                                LabellingRule.always("a", EventType.CLICK, 1, 1),
                                LabellingRule.always("a", EventType.CONVERSION, 1, 2)),
                        1.0))
                .hasMessageContaining("own reason");
    }

    private static Signal signal(String eventId, EventType type, Double value, int minutes) {
        return new Signal(eventId, type, "item", value, T0.plusSeconds(60L * minutes));
    }
}
