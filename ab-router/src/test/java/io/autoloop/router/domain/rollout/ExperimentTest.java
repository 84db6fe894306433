package io.autoloop.router.domain.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.autoloop.router.domain.guardrail.Guardrail;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.domain.statistics.Segment;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExperimentTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Experiment EXPERIMENT = new Experiment(
            "ctr-2.0.0-1",
            "ctr",
            "1.0.0",
            "2.0.0",
            "seed",
            Phase.PROGRESSING,
            1,
            List.of(500, 1_000, 2_500, 5_000, 10_000),
            1_000,
            T0,
            T0.plusSeconds(60),
            T0.plusSeconds(120),
            7,
            new ArmCounts(10_000, 500),
            new ArmCounts(1_000, 60),
            List.of(Segment.starting(500, T0.plusSeconds(60))),
            Map.of(Guardrail.ERROR_RATE, 1),
            0.4,
            analysis(T0.plusSeconds(120)),
            List.of(transition(T0, Action.CREATE)));

    static Stream<Arguments> withMethods() {
        Analysis later = analysis(T0.plusSeconds(180));
        List<Transition> history = List.of(transition(T0, Action.CREATE), transition(T0.plusSeconds(60), Action.START));
        List<Segment> segments =
                List.of(Segment.starting(500, T0.plusSeconds(60)), Segment.starting(1_000, T0.plusSeconds(180)));
        return Stream.of(
                change("phase", e -> e.withPhase(Phase.PAUSED), Phase.PAUSED),
                change("step", e -> e.withStep(2), 2),
                change("challengerBuckets", e -> e.withChallengerBuckets(2_500), 2_500),
                change("startedAt", e -> e.withStartedAt(T0.plusSeconds(30)), T0.plusSeconds(30)),
                change("updatedAt", e -> e.withUpdatedAt(T0.plusSeconds(180)), T0.plusSeconds(180)),
                change("revision", e -> e.withRevision(8), 8L),
                change(
                        "championTotals",
                        e -> e.withChampionTotals(new ArmCounts(20_000, 1_000)),
                        new ArmCounts(20_000, 1_000)),
                change(
                        "challengerTotals",
                        e -> e.withChallengerTotals(new ArmCounts(2_000, 130)),
                        new ArmCounts(2_000, 130)),
                change("segments", e -> e.withSegments(segments), segments),
                change(
                        "guardrailFailures",
                        e -> e.withGuardrailFailures(Map.of(Guardrail.P99_LATENCY, 2)),
                        Map.of(Guardrail.P99_LATENCY, 2)),
                change("alwaysValidPValue", e -> e.withAlwaysValidPValue(0.2), 0.2),
                change("lastAnalysis", e -> e.withLastAnalysis(later), later),
                change("history", e -> e.withHistory(history), history));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withMethods")
    void aWithMethodChangesItsFieldAndKeepsEveryOther(String field, UnaryOperator<Experiment> with, Object newValue) {
        // given every field set, each to a value no other field holds
        Map<String, Object> expected = fields(EXPERIMENT);
        expected.put(field, newValue);

        // when
        Experiment changed = with.apply(EXPERIMENT);

        // then
        assertThat(fields(changed)).isEqualTo(expected);
    }

    private static Arguments change(String field, UnaryOperator<Experiment> with, Object newValue) {
        return arguments(field, with, newValue);
    }

    private static Map<String, Object> fields(Experiment experiment) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent component : Experiment.class.getRecordComponents()) {
            try {
                fields.put(component.getName(), component.getAccessor().invoke(experiment));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read the field " + component.getName() + ".", e);
            }
        }
        return fields;
    }

    private static Analysis analysis(Instant at) {
        return new Analysis(
                at,
                new ArmCounts(10_000, 500),
                new ArmCounts(1_000, 60),
                new ArmCounts(9_000, 450),
                new ArmCounts(900, 54),
                null,
                null,
                null,
                List.of(),
                Verdict.HOLD,
                "Waiting for clicks on both arms.",
                null,
                null,
                Analysis.SAFETY);
    }

    private static Transition transition(Instant at, Action action) {
        return new Transition(at, action, null, Phase.WAITING, 0.0, 0.0, Rollout.CONTROLLER, "test", Map.of());
    }
}
