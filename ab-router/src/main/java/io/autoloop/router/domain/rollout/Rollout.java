package io.autoloop.router.domain.rollout;

import io.autoloop.contracts.Arm;
import io.autoloop.router.domain.guardrail.ChallengerHealth;
import io.autoloop.router.domain.guardrail.Guardrail;
import io.autoloop.router.domain.guardrail.GuardrailLimits;
import io.autoloop.router.domain.guardrail.GuardrailReading;
import io.autoloop.router.domain.guardrail.GuardrailReading.Status;
import io.autoloop.router.domain.rollout.RolloutEvent.AdminAction;
import io.autoloop.router.domain.rollout.RolloutEvent.Analysed;
import io.autoloop.router.domain.rollout.RolloutEvent.ChallengerReady;
import io.autoloop.router.domain.rollout.RolloutEvent.ChallengerRejected;
import io.autoloop.router.domain.rollout.RolloutEvent.PromotionApplied;
import io.autoloop.router.domain.rollout.RolloutEvent.Superseded;
import io.autoloop.router.domain.serving.Bucketing;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.domain.statistics.Evidence;
import io.autoloop.router.domain.statistics.LiftReading;
import io.autoloop.router.domain.statistics.LiftTests;
import io.autoloop.router.domain.statistics.MixtureSprt;
import io.autoloop.router.domain.statistics.SampleRatioTest;
import io.autoloop.router.domain.statistics.Segment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The gray-rollout state machine: a pure function from an {@link Experiment} and a {@link RolloutEvent} to the next
 * state and the {@link Transition} taken, with the numbers behind it. It reads no clock and does no I/O.
 *
 * <p>A rollout ramps on safety and decides at full power. The steps below the decision step (by default 5, 10 and 25
 * %) are <b>safety steps</b>: they exist to catch a broken challenger while it serves few users, not to measure a lift
 * they have too little traffic to see. The <b>decision step</b> (by default 50 %, where a two-arm test has the most
 * power per impression) decides with the always-valid {@link LiftTests}; the evidence of every step counts in it.
 *
 * <p>Each analysis first takes the reported arm-stats windows into the segment in force at each window's start (its
 * event time, however late the analyzer delivered it), then decides, in this order of precedence:
 *
 * <ol>
 *   <li>a guardrail that failed {@code failuresToRollback} analyses in a row rolls back;
 *   <li>a sample-ratio mismatch in the settled counts of the current step ({@code p < srmAlpha}), judged once both
 *       arms together have {@code minImpressions} settled in the step, stops and flags;
 *   <li>harm, the one-sided harm test significant at {@code harmAlpha} once the challenger has {@code minExposure}
 *       impressions, rolls back, in any step;
 *   <li>while paused: hold;
 *   <li>an experiment older than {@code maxDuration} rolls back as inconclusive;
 *   <li>in a safety step: advance once the challenger has {@code minExposure} settled impressions in the step, the
 *       step's sample-ratio check has run and passed, error rate and latency were measured and pass, and no guardrail
 *       fails;
 *   <li>in the decision step, once both arms have {@code minImpressions}: promote when the gain test is significant at
 *       α, the lift estimate reaches the gain threshold and no guardrail fails; end as "no gain" once the futility bound
 *       lies below the gain threshold;
 *   <li>otherwise it holds.
 * </ol>
 *
 * The safety checks, guardrails and sample-ratio mismatch, deliberately need no per-arm minimum: a broken assignment or
 * lost logs can starve one arm for ever, and a per-arm minimum would then hold back exactly the check that should catch
 * it.
 *
 * <p>The harm test needs no exposure beyond {@code minExposure} because it is always valid: however often it looks, it
 * rolls back a challenger that is not worse with probability at most {@code harmAlpha}. Its wide component makes a
 * disaster (half the CTR) a rollback at the first step after about a thousand challenger impressions.
 *
 * <p>The point estimate, not the lower confidence bound, is held against the gain threshold: the always-valid interval
 * is wide, so requiring its lower end above +2 % would need several times the traffic for a +10 % lift, while the
 * significance requirement already bounds the false-promotion rate at α. Futility uses the interval's upper end: "no
 * gain" must mean that a gain of the threshold's size is implausible, not merely unproven.
 */
public final class Rollout {

    /** The actor of automatic transitions. */
    public static final String CONTROLLER = "controller";

    /** The largest factor of further information {@link LiftTests#informationFactorToDecide} looks for. */
    private static final double FORECAST_LIMIT = 1_000.0;

    private final RolloutPolicy policy;
    private final MixtureSprt sprt;
    private final LiftTests tests;
    private final SampleRatioTest sampleRatio = new SampleRatioTest();

    public Rollout(RolloutPolicy policy) {
        this.policy = policy;
        this.sprt = new MixtureSprt(policy.alpha(), policy.mixtureSd());
        this.tests = policy.liftTests();
    }

    public RolloutPolicy policy() {
        return policy;
    }

    /** A new experiment of {@code challenger} against {@code champion}, waiting for the challenger to load. */
    public Experiment create(
            String id, String model, String champion, String challenger, String seed, Instant at, String reason) {
        Transition created = new Transition(
                at,
                Action.CREATE,
                null,
                Phase.WAITING,
                0.0,
                0.0,
                CONTROLLER,
                reason,
                Map.of("champion", champion, "challenger", challenger));
        return new Experiment(
                id,
                model,
                champion,
                challenger,
                seed,
                Phase.WAITING,
                -1,
                policy.steps(),
                0,
                at,
                null,
                at,
                0,
                ArmCounts.ZERO,
                ArmCounts.ZERO,
                List.of(),
                Map.of(),
                null,
                null,
                List.of(created));
    }

    /**
     * The state after {@code arm} of the running {@code experiment} moved to {@code version} of its lineage: a
     * {@link Action#REFRESH} or, by the refresh guard, a {@link Action#REVERT}. The phase, weight, counts and segments
     * stay: they are the lineage's, not one version's.
     *
     * @throws IllegalTransitionException when the experiment is over
     * @throws IllegalArgumentException for an action other than a refresh or a revert
     */
    public Change swap(
            Experiment experiment,
            Arm arm,
            String version,
            Action action,
            Instant at,
            String reason,
            Map<String, Object> numbers) {
        if (action != Action.REFRESH && action != Action.REVERT) {
            throw new IllegalArgumentException(
                    "An arm's version moves by a refresh or a revert, not by " + action + ".");
        }
        if (experiment.phase().isTerminal()) {
            throw new IllegalTransitionException("Experiment " + experiment.id() + " is already "
                    + name(experiment.phase()) + "; its arms no longer change versions.");
        }
        String from = arm == Arm.CHAMPION ? experiment.champion() : experiment.challenger();
        Experiment swapped =
                arm == Arm.CHAMPION ? experiment.withChampion(version) : experiment.withChallenger(version);
        Map<String, Object> recorded = new LinkedHashMap<>(numbers);
        recorded.put("arm", arm.wireName());
        recorded.put("from", from);
        recorded.put("to", version);
        return transition(experiment, swapped.withUpdatedAt(at), action, at, CONTROLLER, reason, recorded);
    }

    /**
     * The state after {@code event}.
     *
     * @throws IllegalTransitionException when the experiment is over, or an admin command or a supersession is not
     *     allowed in its phase
     */
    public Change next(Experiment experiment, RolloutEvent event) {
        if (experiment.phase().isTerminal()) {
            throw new IllegalTransitionException("Experiment " + experiment.id() + " is already "
                    + name(experiment.phase()) + "; it accepts no further changes.");
        }
        if (event instanceof ChallengerReady ready) {
            return start(experiment, ready.at());
        } else if (event instanceof ChallengerRejected rejected) {
            return move(
                    experiment,
                    Action.ROLLBACK,
                    Phase.ROLLED_BACK,
                    -1,
                    0,
                    rejected.at(),
                    CONTROLLER,
                    "The challenger " + experiment.challenger() + " failed verification and never serves: "
                            + rejected.reason(),
                    numbersOf(experiment.lastAnalysis()));
        } else if (event instanceof Superseded superseded) {
            return supersede(experiment, superseded);
        } else if (event instanceof Analysed analysed) {
            return analyse(experiment, analysed);
        } else if (event instanceof AdminAction action) {
            return admin(experiment, action);
        } else if (event instanceof PromotionApplied applied) {
            if (experiment.phase() != Phase.PROMOTING) {
                return Change.unchanged(experiment);
            }
            return move(
                    experiment,
                    Action.COMPLETE,
                    Phase.SUCCEEDED,
                    -1,
                    Bucketing.BUCKETS,
                    applied.at(),
                    CONTROLLER,
                    "The champion alias now names " + experiment.challenger() + ".",
                    numbersOf(experiment.lastAnalysis()));
        }
        throw new IllegalArgumentException("Unknown rollout event " + event + ".");
    }

    private Change start(Experiment experiment, Instant at) {
        if (experiment.phase() != Phase.WAITING) {
            return Change.unchanged(experiment);
        }
        int buckets = experiment.steps().get(0);
        Experiment started = experiment
                .withPhase(Phase.PROGRESSING)
                .withStep(0)
                .withChallengerBuckets(buckets)
                .withStartedAt(at)
                .withUpdatedAt(at)
                .withSegments(List.of(Segment.starting(buckets, at)));
        return transition(
                experiment,
                started,
                Action.START,
                at,
                CONTROLLER,
                "The challenger " + experiment.challenger() + " is loaded; it gets its first step.",
                Map.of());
    }

    private Change supersede(Experiment experiment, Superseded superseded) {
        if (experiment.phase() != Phase.WAITING) {
            throw new IllegalTransitionException("Experiment " + experiment.id() + " already serves its challenger ("
                    + name(experiment.phase()) + " at " + percent(experiment.challengerWeight())
                    + "); the newer version " + superseded.version() + " waits for it to finish.");
        }
        return move(
                experiment,
                Action.ROLLBACK,
                Phase.ROLLED_BACK,
                -1,
                0,
                superseded.at(),
                CONTROLLER,
                "Superseded by the newer version " + superseded.version() + " before it served.",
                numbersOf(experiment.lastAnalysis()));
    }

    private Change admin(Experiment experiment, AdminAction action) {
        Phase phase = experiment.phase();
        Instant at = action.at();
        String actor = action.actor();
        String why = action.reason() == null || action.reason().isBlank() ? "" : ": " + action.reason();
        Map<String, Object> numbers = numbersOf(experiment.lastAnalysis());
        switch (action.command()) {
            case PAUSE -> {
                if (phase != Phase.PROGRESSING) {
                    throw refused(experiment, "paused", "only a progressing experiment can be paused");
                }
                return move(
                        experiment, Action.PAUSE, Phase.PAUSED, -1, -1, at, actor, "Paused by " + actor + why, numbers);
            }
            case RESUME -> {
                if (phase != Phase.PAUSED && phase != Phase.STOPPED) {
                    throw refused(experiment, "resumed", "only a paused or stopped experiment can be resumed");
                }
                return move(
                        experiment,
                        Action.RESUME,
                        Phase.PROGRESSING,
                        -1,
                        experiment.steps().get(experiment.step()),
                        at,
                        actor,
                        "Resumed by " + actor + why,
                        numbers);
            }
            case PROMOTE -> {
                if (phase != Phase.PROGRESSING && phase != Phase.PAUSED && phase != Phase.STOPPED) {
                    throw refused(
                            experiment, "promoted", "only a challenger that is serving or stopped can be promoted");
                }
                return move(
                        experiment,
                        Action.PROMOTE,
                        Phase.PROMOTING,
                        -1,
                        Bucketing.BUCKETS,
                        at,
                        actor,
                        "Promoted by " + actor + why,
                        numbers);
            }
            case ROLLBACK -> {
                if (phase == Phase.PROMOTING) {
                    throw refused(experiment, "rolled back", "it is already being promoted");
                }
                return move(
                        experiment,
                        Action.ROLLBACK,
                        Phase.ROLLED_BACK,
                        -1,
                        0,
                        at,
                        actor,
                        "Rolled back by " + actor + why,
                        numbers);
            }
        }
        throw new IllegalArgumentException("Unknown admin command " + action.command() + ".");
    }

    private Change analyse(Experiment experiment, Analysed event) {
        if (experiment.phase() != Phase.PROGRESSING && experiment.phase() != Phase.PAUSED) {
            return Change.unchanged(experiment);
        }
        Instant at = event.at();
        List<Segment> segments = StepLedger.fold(
                StepLedger.record(experiment.segments(), event.windows()),
                at.minus(policy.windowRetention()),
                policy.settleTime());
        List<Segment> strata = StepLedger.counted(segments, policy.settleTime());
        ArmCounts championTotals = StepLedger.champion(strata);
        ArmCounts challengerTotals = StepLedger.challenger(strata);
        Segment current = strata.get(strata.size() - 1);

        Evidence evidence = sprt.evaluate(strata).orElse(null);
        LiftReading reading = evidence == null ? null : tests.read(evidence);
        Double bestPValue = experiment.alwaysValidPValue();
        if (evidence != null) {
            bestPValue = bestPValue == null ? evidence.pValue() : Math.min(bestPValue, evidence.pValue());
        }
        ArmCounts stepChampion = current.settledChampion();
        ArmCounts stepChallenger = current.settledChallenger();
        Double srmPValue = null;
        if (stepChampion.impressions() + stepChallenger.impressions() >= policy.minImpressions()) {
            OptionalDouble p = sampleRatio.pValue(
                    stepChampion.impressions(),
                    stepChallenger.impressions(),
                    current.challengerBuckets(),
                    event.impressionsPerDecision());
            srmPValue = p.isPresent() ? p.getAsDouble() : null;
        }
        Map<Guardrail, Integer> failures = new EnumMap<>(Guardrail.class);
        failures.putAll(experiment.guardrailFailures());
        List<GuardrailReading> readings = guardrails(event.health(), failures);
        boolean decisionStep = experiment.step() >= policy.decisionStep();
        Long toDecide = evidence == null
                ? null
                : impressionsToDecide(evidence, championTotals.impressions() + challengerTotals.impressions());

        Verdict verdict;
        String reason;
        GuardrailReading failed = readings.stream()
                .filter(r -> r.consecutiveFailures() >= policy.guardrails().failuresToRollback())
                .findFirst()
                .orElse(null);
        GuardrailReading failing = readings.stream()
                .filter(r -> r.status() == Status.FAIL)
                .findFirst()
                .orElse(null);
        GuardrailReading unmeasured = readings.stream()
                .filter(r -> r.guardrail() != Guardrail.CALIBRATION && r.status() == Status.NO_DATA)
                .findFirst()
                .orElse(null);
        long min = policy.minImpressions();
        boolean enoughInTotal = championTotals.impressions() >= min && challengerTotals.impressions() >= min;
        if (failed != null) {
            verdict = Verdict.ROLLBACK;
            reason = "The " + name(failed.guardrail()) + " guardrail failed " + failed.consecutiveFailures()
                    + " analyses in a row (" + failed.value() + " against the limit " + failed.limit() + ").";
        } else if (srmPValue != null && srmPValue < policy.srmAlpha()) {
            verdict = Verdict.STOP;
            reason = String.format(
                    Locale.ROOT,
                    "Sample-ratio mismatch: %d champion and %d challenger impressions in this step do not fit a %s"
                            + " split (p = %.2g < %s).",
                    stepChampion.impressions(),
                    stepChallenger.impressions(),
                    percent(Bucketing.percentOf(current.challengerBuckets())),
                    srmPValue,
                    policy.srmAlpha());
        } else if (reading != null && reading.harm() && challengerTotals.impressions() >= policy.minExposure()) {
            verdict = Verdict.ROLLBACK;
            reason = String.format(
                    Locale.ROOT,
                    "The challenger is significantly worse: lift %s, always-valid interval [%s, %s], harm p = %.3g"
                            + " <= %s.",
                    signedPercent(evidence.lift()),
                    signedPercent(evidence.liftLower()),
                    signedPercent(evidence.liftUpper()),
                    reading.harmPValue(),
                    policy.harmAlpha());
        } else if (experiment.phase() == Phase.PAUSED) {
            verdict = Verdict.HOLD;
            reason = "Paused: the controller watches for harm but does not advance.";
        } else if (experiment.startedAt() != null
                && !at.isBefore(experiment.startedAt().plus(policy.maxDuration()))) {
            verdict = Verdict.ROLLBACK;
            reason = "Inconclusive after " + policy.maxDuration()
                    + (evidence == null ? "." : ": lift " + signedPercent(evidence.lift()) + ".");
        } else if (!decisionStep) {
            if (stepChallenger.impressions() < policy.minExposure()) {
                verdict = Verdict.HOLD;
                reason = "Safety step: waiting for " + policy.minExposure()
                        + " settled challenger impressions in this step (" + stepChallenger.impressions() + ").";
            } else if (srmPValue == null) {
                verdict = Verdict.HOLD;
                reason = "Safety step: waiting for the sample-ratio check of this step.";
            } else if (unmeasured != null) {
                verdict = Verdict.HOLD;
                reason = "Safety step: waiting for the " + name(unmeasured.guardrail())
                        + " guardrail to be measured (it needs "
                        + policy.guardrails().minRequests()
                        + " challenger requests in its window).";
            } else if (failing != null) {
                verdict = Verdict.HOLD;
                reason = "Safety step: the " + name(failing.guardrail()) + " guardrail fails (" + failing.value()
                        + " against the limit " + failing.limit() + ").";
            } else {
                verdict = Verdict.ADVANCE;
                reason = String.format(
                        Locale.ROOT,
                        "Safe at %s: %d challenger impressions, sample ratio p = %.2g, guardrails pass, no"
                                + " significant harm%s.",
                        percent(Bucketing.percentOf(current.challengerBuckets())),
                        stepChallenger.impressions(),
                        srmPValue,
                        evidence == null ? "" : " (lift " + signedPercent(evidence.lift()) + ")");
            }
        } else if (!enoughInTotal) {
            verdict = Verdict.HOLD;
            reason = "Decision step: waiting for " + min + " impressions per arm (champion "
                    + championTotals.impressions() + ", challenger " + challengerTotals.impressions() + ").";
        } else if (evidence == null) {
            verdict = Verdict.HOLD;
            reason = "Decision step: waiting for clicks on both arms.";
        } else if (reading.gain() && evidence.lift() >= policy.gainThreshold() && failing == null) {
            verdict = Verdict.PROMOTE;
            reason = String.format(
                    Locale.ROOT,
                    "The challenger is significantly better: lift %s >= %s, always-valid interval [%s, %s],"
                            + " gain p = %.3g <= %s.",
                    signedPercent(evidence.lift()),
                    signedPercent(policy.gainThreshold()),
                    signedPercent(evidence.liftLower()),
                    signedPercent(evidence.liftUpper()),
                    reading.gainPValue(),
                    policy.alpha());
        } else if (reading.futileBelow(policy.gainThreshold()) && evidence.lift() > -policy.gainThreshold()) {
            verdict = Verdict.NO_GAIN;
            reason = String.format(
                    Locale.ROOT,
                    "No gain worth promoting: lift %s, and the futility bound %s lies below the %s threshold.",
                    signedPercent(evidence.lift()),
                    signedPercent(reading.futilityUpper()),
                    signedPercent(policy.gainThreshold()));
        } else {
            verdict = Verdict.HOLD;
            reason = String.format(
                    Locale.ROOT,
                    "Decision step: lift %s, gain p = %.3g, futility bound %s; about %d more impressions to decide"
                            + " at this lift.",
                    signedPercent(evidence.lift()),
                    reading.gainPValue(),
                    signedPercent(reading.futilityUpper()),
                    toDecide);
        }

        Analysis analysis = new Analysis(
                at,
                championTotals,
                challengerTotals,
                stepChampion,
                stepChallenger,
                evidence,
                bestPValue,
                srmPValue,
                readings,
                verdict,
                reason,
                reading,
                toDecide,
                decisionStep ? Analysis.DECISION : Analysis.SAFETY);
        Experiment analysed = experiment
                .withUpdatedAt(at)
                .withChampionTotals(championTotals)
                .withChallengerTotals(challengerTotals)
                .withSegments(segments)
                .withGuardrailFailures(failures)
                .withAlwaysValidPValue(bestPValue)
                .withLastAnalysis(analysis);
        Map<String, Object> numbers = numbersOf(analysis);
        return switch (verdict) {
            case HOLD -> Change.unchanged(analysed);
            case ROLLBACK -> move(analysed, Action.ROLLBACK, Phase.ROLLED_BACK, -1, 0, at, CONTROLLER, reason, numbers);
            case STOP -> move(analysed, Action.STOP, Phase.STOPPED, -1, 0, at, CONTROLLER, reason, numbers);
            case NO_GAIN -> move(analysed, Action.END, Phase.NO_GAIN, -1, 0, at, CONTROLLER, reason, numbers);
            case PROMOTE ->
                move(analysed, Action.PROMOTE, Phase.PROMOTING, -1, Bucketing.BUCKETS, at, CONTROLLER, reason, numbers);
            case ADVANCE -> {
                int next = experiment.step() + 1;
                yield move(
                        analysed,
                        Action.ADVANCE,
                        Phase.PROGRESSING,
                        next,
                        experiment.steps().get(next),
                        at,
                        CONTROLLER,
                        reason,
                        numbers);
            }
        };
    }

    /**
     * The further impressions (both arms) before the gain test or the futility bound decides, if the lift estimate
     * stays where it is and information keeps growing in proportion to impressions.
     */
    private long impressionsToDecide(Evidence evidence, long impressionsSoFar) {
        double factor = tests.informationFactorToDecide(evidence, policy.gainThreshold(), FORECAST_LIMIT);
        return Math.round((factor - 1.0) * impressionsSoFar);
    }

    private List<GuardrailReading> guardrails(ChallengerHealth health, Map<Guardrail, Integer> failures) {
        GuardrailLimits limits = policy.guardrails();
        boolean enoughRequests = health.requests() >= limits.minRequests();
        Double errorRate = enoughRequests ? (double) health.errors() / health.requests() : null;
        Double p99 = enoughRequests ? health.p99LatencyMillis() : null;
        Double calibration =
                health.calibrationSamples() >= limits.minCalibrationSamples() ? health.calibration() : null;
        List<GuardrailReading> readings = new ArrayList<>(3);
        readings.add(reading(
                Guardrail.ERROR_RATE,
                errorRate,
                limits.maxErrorRate(),
                errorRate == null ? null : errorRate > limits.maxErrorRate(),
                failures));
        readings.add(reading(
                Guardrail.P99_LATENCY,
                p99,
                limits.maxP99LatencyMillis(),
                p99 == null ? null : p99 > limits.maxP99LatencyMillis(),
                failures));
        readings.add(reading(
                Guardrail.CALIBRATION,
                calibration,
                limits.calibrationHigh(),
                calibration == null
                        ? null
                        : calibration < limits.calibrationLow() || calibration > limits.calibrationHigh(),
                failures));
        return readings;
    }

    private static GuardrailReading reading(
            Guardrail guardrail, Double value, double limit, Boolean failed, Map<Guardrail, Integer> failures) {
        int streak = failures.getOrDefault(guardrail, 0);
        Status status;
        if (failed == null) {
            status = Status.NO_DATA;
        } else if (failed) {
            status = Status.FAIL;
            streak++;
        } else {
            status = Status.PASS;
            streak = 0;
        }
        failures.put(guardrail, streak);
        return new GuardrailReading(guardrail, status, value, limit, streak);
    }

    /**
     * Moves to {@code to}. {@code step} -1 keeps the current step; {@code buckets} -1 keeps the current weight. A
     * change of weight opens a new segment, also a stop's weight of zero, so that the champion-only windows of a stop
     * never count in the step that resumes.
     */
    private Change move(
            Experiment experiment,
            Action action,
            Phase to,
            int step,
            int buckets,
            Instant at,
            String actor,
            String reason,
            Map<String, Object> numbers) {
        int newStep = step < 0 ? experiment.step() : step;
        int newBuckets = buckets < 0 ? experiment.challengerBuckets() : buckets;
        List<Segment> segments = experiment.segments();
        if (newBuckets != experiment.challengerBuckets() && !to.isTerminal()) {
            segments = new ArrayList<>(segments);
            segments.add(Segment.starting(newBuckets, at));
        }
        Experiment moved = experiment
                .withPhase(to)
                .withStep(newStep)
                .withChallengerBuckets(newBuckets)
                .withUpdatedAt(at)
                .withSegments(segments);
        if (experiment.startedAt() == null && to.servesChallenger()) {
            moved = moved.withStartedAt(at);
        }
        return transition(experiment, moved, action, at, actor, reason, numbers);
    }

    private static Change transition(
            Experiment before,
            Experiment after,
            Action action,
            Instant at,
            String actor,
            String reason,
            Map<String, Object> numbers) {
        Transition transition = new Transition(
                at,
                action,
                before.phase(),
                after.phase(),
                before.challengerWeight(),
                after.challengerWeight(),
                actor,
                reason,
                numbers);
        List<Transition> history = new ArrayList<>(after.history());
        history.add(transition);
        Experiment recorded = after.withHistory(history);
        return new Change(recorded, Optional.of(transition));
    }

    /** The numbers of an analysis as a flat map for the history and the audit log; empty without one. */
    static Map<String, Object> numbersOf(Analysis analysis) {
        if (analysis == null) {
            return Map.of();
        }
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("championImpressions", analysis.champion().impressions());
        numbers.put("championClicks", analysis.champion().clicks());
        numbers.put("challengerImpressions", analysis.challenger().impressions());
        numbers.put("challengerClicks", analysis.challenger().clicks());
        numbers.put("stepChampionImpressions", analysis.stepChampion().impressions());
        numbers.put("stepChallengerImpressions", analysis.stepChallenger().impressions());
        Evidence evidence = analysis.evidence();
        if (evidence != null) {
            numbers.put("championCtr", evidence.championCtr());
            numbers.put("challengerCtr", evidence.challengerCtr());
            numbers.put("lift", evidence.lift());
            numbers.put("liftLower", evidence.liftLower());
            numbers.put("liftUpper", evidence.liftUpper());
            numbers.put("pValue", evidence.pValue());
        }
        if (analysis.tests() != null) {
            numbers.put("gainPValue", analysis.tests().gainPValue());
            numbers.put("harmPValue", analysis.tests().harmPValue());
            numbers.put("futilityUpper", analysis.tests().futilityUpper());
        }
        if (analysis.impressionsToDecide() != null) {
            numbers.put("impressionsToDecide", analysis.impressionsToDecide());
        }
        if (analysis.alwaysValidPValue() != null) {
            numbers.put("alwaysValidPValue", analysis.alwaysValidPValue());
        }
        if (analysis.srmPValue() != null) {
            numbers.put("srmPValue", analysis.srmPValue());
        }
        for (GuardrailReading reading : analysis.guardrails()) {
            String key = camel(reading.guardrail());
            if (reading.value() != null) {
                numbers.put(key, reading.value());
            }
            numbers.put(key + "Failures", reading.consecutiveFailures());
        }
        return numbers;
    }

    private static IllegalTransitionException refused(Experiment experiment, String what, String why) {
        return new IllegalTransitionException("Experiment " + experiment.id() + " is " + name(experiment.phase())
                + " and cannot be " + what + ": " + why + ".");
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String camel(Guardrail guardrail) {
        return switch (guardrail) {
            case ERROR_RATE -> "errorRate";
            case P99_LATENCY -> "p99LatencyMillis";
            case CALIBRATION -> "calibration";
        };
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.4g %%", value).replace(".000 %", " %");
    }

    private static String signedPercent(double fraction) {
        return String.format(Locale.ROOT, "%+.2f %%", fraction * 100.0);
    }
}
