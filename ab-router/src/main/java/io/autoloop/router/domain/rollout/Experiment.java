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
 * and changed only through {@link Rollout}.
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

    /** This state as written at {@code revision}. */
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
}
