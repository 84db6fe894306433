package io.autoloop.router.domain.rollout;

import io.autoloop.router.domain.guardrail.Guardrail;
import io.autoloop.router.domain.serving.Bucketing;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.domain.statistics.Segment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The state of one champion-versus-challenger experiment, as stored in Redis under {@code autoloop:experiment:{id}}
 * and changed only through {@link Rollout}. Jackson and {@link Rollout#create} build it with the canonical constructor;
 * each transition derives the next state through the {@code with…} methods of the fields it changes.
 *
 * @param model the model name, e.g. {@code ctr}
 * @param champion the champion's model version
 * @param challenger the challenger's model version
 * @param seed the bucketing seed ({@link Bucketing})
 * @param step the index of the current step in {@code steps}, -1 before the first
 * @param steps the challenger's weight at each step, in buckets, fixed when the experiment was created
 * @param challengerBuckets the challenger's current traffic, in buckets
 * @param startedAt when the challenger first got traffic, null before
 * @param revision incremented by every write; the repository writes only over the revision it read
 * @param championTotals the champion's cumulative counts as last reported
 * @param challengerTotals the challenger's cumulative counts as last reported
 * @param segments the counts per period of constant weight, oldest first
 * @param guardrailFailures failed analyses in a row per guardrail
 * @param alwaysValidPValue the running minimum of the sequential test's {@code 1/Λ}, null before any evidence
 * @param lastAnalysis the latest analysis, null before the first
 * @param history every transition, oldest first
 */
public record Experiment(
        String id,
        String model,
        String champion,
        String challenger,
        String seed,
        Phase phase,
        int step,
        List<Integer> steps,
        int challengerBuckets,
        Instant createdAt,
        Instant startedAt,
        Instant updatedAt,
        long revision,
        ArmCounts championTotals,
        ArmCounts challengerTotals,
        List<Segment> segments,
        Map<Guardrail, Integer> guardrailFailures,
        Double alwaysValidPValue,
        Analysis lastAnalysis,
        List<Transition> history) {

    public Experiment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(champion, "champion");
        Objects.requireNonNull(challenger, "challenger");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(phase, "phase");
        steps = List.copyOf(steps);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        championTotals = Objects.requireNonNullElse(championTotals, ArmCounts.ZERO);
        challengerTotals = Objects.requireNonNullElse(challengerTotals, ArmCounts.ZERO);
        segments = List.copyOf(Objects.requireNonNullElse(segments, List.of()));
        guardrailFailures = Map.copyOf(Objects.requireNonNullElse(guardrailFailures, Map.of()));
        history = List.copyOf(Objects.requireNonNullElse(history, List.of()));
    }

    /** The challenger's current traffic in percent. */
    public double challengerWeight() {
        return Bucketing.percentOf(challengerBuckets);
    }

    /** This state with {@code newChampion} as the champion's version (a refresh of its lineage, or its revert). */
    public Experiment withChampion(String newChampion) {
        return with(draft -> draft.champion = newChampion);
    }

    /** This state with {@code newChallenger} as the challenger's version (a refresh of its lineage, or its revert). */
    public Experiment withChallenger(String newChallenger) {
        return with(draft -> draft.challenger = newChallenger);
    }

    /** This state in {@code newPhase}. */
    public Experiment withPhase(Phase newPhase) {
        return with(draft -> draft.phase = newPhase);
    }

    /** This state at step {@code newStep}. */
    public Experiment withStep(int newStep) {
        return with(draft -> draft.step = newStep);
    }

    /** This state with the challenger serving {@code newChallengerBuckets} buckets. */
    public Experiment withChallengerBuckets(int newChallengerBuckets) {
        return with(draft -> draft.challengerBuckets = newChallengerBuckets);
    }

    /** This state with the challenger first served at {@code newStartedAt}. */
    public Experiment withStartedAt(Instant newStartedAt) {
        return with(draft -> draft.startedAt = newStartedAt);
    }

    /** This state as changed at {@code newUpdatedAt}. */
    public Experiment withUpdatedAt(Instant newUpdatedAt) {
        return with(draft -> draft.updatedAt = newUpdatedAt);
    }

    /** This state as written at {@code newRevision}. */
    public Experiment withRevision(long newRevision) {
        return with(draft -> draft.revision = newRevision);
    }

    /** This state with {@code newChampionTotals} as the champion's cumulative counts. */
    public Experiment withChampionTotals(ArmCounts newChampionTotals) {
        return with(draft -> draft.championTotals = newChampionTotals);
    }

    /** This state with {@code newChallengerTotals} as the challenger's cumulative counts. */
    public Experiment withChallengerTotals(ArmCounts newChallengerTotals) {
        return with(draft -> draft.challengerTotals = newChallengerTotals);
    }

    /** This state with {@code newSegments} as its counts per period of constant weight. */
    public Experiment withSegments(List<Segment> newSegments) {
        return with(draft -> draft.segments = newSegments);
    }

    /** This state with {@code newGuardrailFailures} failed analyses in a row per guardrail. */
    public Experiment withGuardrailFailures(Map<Guardrail, Integer> newGuardrailFailures) {
        return with(draft -> draft.guardrailFailures = newGuardrailFailures);
    }

    /** This state with {@code newAlwaysValidPValue} as the running minimum of the sequential test's {@code 1/Λ}. */
    public Experiment withAlwaysValidPValue(Double newAlwaysValidPValue) {
        return with(draft -> draft.alwaysValidPValue = newAlwaysValidPValue);
    }

    /** This state with {@code newLastAnalysis} as its latest analysis. */
    public Experiment withLastAnalysis(Analysis newLastAnalysis) {
        return with(draft -> draft.lastAnalysis = newLastAnalysis);
    }

    /** This state with {@code newHistory} as its transitions, oldest first. */
    public Experiment withHistory(List<Transition> newHistory) {
        return with(draft -> draft.history = newHistory);
    }

    /** A copy of this state with {@code change} applied to its fields. */
    private Experiment with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** The fields of an {@link Experiment} while one {@code with…} method changes them. */
    private static final class Draft {
        private final String id;
        private final String model;
        private String champion;
        private String challenger;
        private final String seed;
        private Phase phase;
        private int step;
        private final List<Integer> steps;
        private int challengerBuckets;
        private final Instant createdAt;
        private Instant startedAt;
        private Instant updatedAt;
        private long revision;
        private ArmCounts championTotals;
        private ArmCounts challengerTotals;
        private List<Segment> segments;
        private Map<Guardrail, Integer> guardrailFailures;
        private Double alwaysValidPValue;
        private Analysis lastAnalysis;
        private List<Transition> history;

        private Draft(Experiment from) {
            id = from.id;
            model = from.model;
            champion = from.champion;
            challenger = from.challenger;
            seed = from.seed;
            phase = from.phase;
            step = from.step;
            steps = from.steps;
            challengerBuckets = from.challengerBuckets;
            createdAt = from.createdAt;
            startedAt = from.startedAt;
            updatedAt = from.updatedAt;
            revision = from.revision;
            championTotals = from.championTotals;
            challengerTotals = from.challengerTotals;
            segments = from.segments;
            guardrailFailures = from.guardrailFailures;
            alwaysValidPValue = from.alwaysValidPValue;
            lastAnalysis = from.lastAnalysis;
            history = from.history;
        }

        private Experiment build() {
            return new Experiment(
                    id,
                    model,
                    champion,
                    challenger,
                    seed,
                    phase,
                    step,
                    steps,
                    challengerBuckets,
                    createdAt,
                    startedAt,
                    updatedAt,
                    revision,
                    championTotals,
                    challengerTotals,
                    segments,
                    guardrailFailures,
                    alwaysValidPValue,
                    lastAnalysis,
                    history);
        }
    }
}
