package io.autoloop.router.domain.rollout;

import io.autoloop.router.domain.guardrail.Guardrail;
import io.autoloop.router.domain.serving.Bucketing;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.domain.statistics.Segment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    /** This state in {@code newPhase}. */
    public Experiment withPhase(Phase newPhase) {
        return new Experiment(
                id,
                model,
                champion,
                challenger,
                seed,
                newPhase,
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

    /** This state at step {@code newStep}. */
    public Experiment withStep(int newStep) {
        return new Experiment(
                id,
                model,
                champion,
                challenger,
                seed,
                phase,
                newStep,
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

    /** This state with the challenger serving {@code newChallengerBuckets} buckets. */
    public Experiment withChallengerBuckets(int newChallengerBuckets) {
        return new Experiment(
                id,
                model,
                champion,
                challenger,
                seed,
                phase,
                step,
                steps,
                newChallengerBuckets,
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

    /** This state with the challenger first served at {@code newStartedAt}. */
    public Experiment withStartedAt(Instant newStartedAt) {
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
                newStartedAt,
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

    /** This state as changed at {@code newUpdatedAt}. */
    public Experiment withUpdatedAt(Instant newUpdatedAt) {
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
                newUpdatedAt,
                revision,
                championTotals,
                challengerTotals,
                segments,
                guardrailFailures,
                alwaysValidPValue,
                lastAnalysis,
                history);
    }

    /** This state as written at {@code newRevision}. */
    public Experiment withRevision(long newRevision) {
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
                newRevision,
                championTotals,
                challengerTotals,
                segments,
                guardrailFailures,
                alwaysValidPValue,
                lastAnalysis,
                history);
    }

    /** This state with {@code newChampionTotals} as the champion's cumulative counts. */
    public Experiment withChampionTotals(ArmCounts newChampionTotals) {
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
                newChampionTotals,
                challengerTotals,
                segments,
                guardrailFailures,
                alwaysValidPValue,
                lastAnalysis,
                history);
    }

    /** This state with {@code newChallengerTotals} as the challenger's cumulative counts. */
    public Experiment withChallengerTotals(ArmCounts newChallengerTotals) {
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
                newChallengerTotals,
                segments,
                guardrailFailures,
                alwaysValidPValue,
                lastAnalysis,
                history);
    }

    /** This state with {@code newSegments} as its counts per period of constant weight. */
    public Experiment withSegments(List<Segment> newSegments) {
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
                newSegments,
                guardrailFailures,
                alwaysValidPValue,
                lastAnalysis,
                history);
    }

    /** This state with {@code newGuardrailFailures} failed analyses in a row per guardrail. */
    public Experiment withGuardrailFailures(Map<Guardrail, Integer> newGuardrailFailures) {
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
                newGuardrailFailures,
                alwaysValidPValue,
                lastAnalysis,
                history);
    }

    /** This state with {@code newAlwaysValidPValue} as the running minimum of the sequential test's {@code 1/Λ}. */
    public Experiment withAlwaysValidPValue(Double newAlwaysValidPValue) {
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
                newAlwaysValidPValue,
                lastAnalysis,
                history);
    }

    /** This state with {@code newLastAnalysis} as its latest analysis. */
    public Experiment withLastAnalysis(Analysis newLastAnalysis) {
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
                newLastAnalysis,
                history);
    }

    /** This state with {@code newHistory} as its transitions, oldest first. */
    public Experiment withHistory(List<Transition> newHistory) {
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
                newHistory);
    }
}
