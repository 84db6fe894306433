package io.autoloop.router.domain.refresh;

import io.autoloop.router.domain.refresh.RefreshVerdict.Outcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Judges a refreshed arm from its {@link RefreshWatch} and the {@link RefreshEvidence} gathered since: a pure function
 * that reads no clock and does no I/O. In this order of precedence:
 *
 * <ol>
 *   <li>a watched version that failed verification reverts at once (it never served);
 *   <li>an error rate above {@code maxErrorRate} once the arm served {@code minRequests} requests reverts;
 *   <li>a calibration (observed over predicted clicks) significantly outside {@code [calibrationLow,
 *       calibrationHigh]} once the reports hold {@code minSamples} samples reverts, unless the previous version was
 *       calibrated no better (further from 1 on a log scale; unknown is taken as within the bounds): while a young
 *       model's predictions still trail a rising CTR every version is off, and going back to a worse one would undo
 *       the loop's progress;
 *   <li>a CTR significantly more than {@code maxCtrDrop} below the previous version's, once both hold
 *       {@code minSamples} samples, reverts;
 *   <li>once {@code window} has passed since the first refresh, the refresh is kept;
 *   <li>otherwise the arm stays watched.
 * </ol>
 *
 * "Significantly" means by {@value #Z} standard errors: the guard looks at every tick, and a few hundred impressions
 * give a CTR whose standard error is a fifth of itself, so a point estimate held against a bound would revert sound
 * refreshes on noise. The observed clicks are taken as Poisson for the calibration, and the two CTRs as binomial
 * proportions for the drop.
 *
 * A guardrail without its minimum of data never decides: a revert always rests on enough evidence, and a window that
 * passes without any keeps the refresh, which passed the retrainer's gate.
 */
public final class RefreshGuard {

    /** Standard errors by which a CTR or a calibration must miss its bound before a refresh is reverted. */
    static final double Z = 3.0;

    private final RefreshLimits limits;

    public RefreshGuard(RefreshLimits limits) {
        this.limits = limits;
    }

    public RefreshLimits limits() {
        return limits;
    }

    /** The verdict on {@code watch} at {@code now} given {@code evidence}. */
    public RefreshVerdict judge(RefreshWatch watch, RefreshEvidence evidence, Instant now) {
        Map<String, Object> numbers = numbersOf(watch, evidence);
        String version = watch.current();
        if (evidence.rejection() != null) {
            return revert(
                    numbers,
                    "The refresh " + version + " failed verification and never serves: " + evidence.rejection());
        }
        if (evidence.requests() >= limits.minRequests() && evidence.errorRate() > limits.maxErrorRate()) {
            return revert(
                    numbers,
                    String.format(
                            Locale.ROOT,
                            "The %s arm failed %d of %d rankings since the refresh to %s (%.4f > %s).",
                            armName(watch),
                            evidence.errors(),
                            evidence.requests(),
                            version,
                            evidence.errorRate(),
                            limits.maxErrorRate()));
        }
        boolean enoughSamples = evidence.samples() >= limits.minSamples();
        double calibration = evidence.calibration();
        if (enoughSamples
                && (Double.isNaN(calibration)
                        || (surelyOutside(evidence) && worseThanBaseline(calibration, watch.baselineCalibration())))) {
            return revert(
                    numbers,
                    String.format(
                            Locale.ROOT,
                            "The refresh to %s is miscalibrated: observed over predicted clicks %.3f outside [%s, %s]"
                                    + " over %d samples.",
                            version,
                            calibration,
                            limits.calibrationLow(),
                            limits.calibrationHigh(),
                            evidence.samples()));
        }
        if (enoughSamples
                && watch.baselineCtr() != null
                && watch.baselineSamples() >= limits.minSamples()
                && surelyDropped(evidence, watch.baselineCtr(), watch.baselineSamples())) {
            return revert(
                    numbers,
                    String.format(
                            Locale.ROOT,
                            "The refresh to %s lowered the CTR from %.4f (%s) to %.4f over %d samples, more than the"
                                    + " %.0f %% allowed.",
                            version,
                            watch.baselineCtr(),
                            watch.previous(),
                            evidence.ctr(),
                            evidence.samples(),
                            limits.maxCtrDrop() * 100.0));
        }
        if (!now.isBefore(watch.since().plus(limits.window()))) {
            return new RefreshVerdict(
                    Outcome.KEEP,
                    "The refresh to " + version + " passed its " + limits.window() + " watch"
                            + (enoughSamples ? "." : " without enough samples to judge its CTR and calibration."),
                    numbers);
        }
        return new RefreshVerdict(Outcome.WATCH, "Watching the refresh to " + version + ".", numbers);
    }

    /** Whether the observed clicks lie {@value #Z} standard errors outside the calibration bounds of the predicted. */
    private boolean surelyOutside(RefreshEvidence evidence) {
        double observed = evidence.positives();
        double margin = Z * Math.sqrt(Math.max(observed, 1.0));
        return (observed + margin) < limits.calibrationLow() * evidence.predicted()
                || (observed - margin) > limits.calibrationHigh() * evidence.predicted();
    }

    /** Whether the CTR lies {@value #Z} standard errors below the allowed fraction of the baseline's. */
    private boolean surelyDropped(RefreshEvidence evidence, double baselineCtr, long baselineSamples) {
        double kept = 1.0 - limits.maxCtrDrop();
        double ctr = evidence.ctr();
        double variance = ctr * (1.0 - ctr) / evidence.samples()
                + kept * kept * baselineCtr * (1.0 - baselineCtr) / baselineSamples;
        return ctr - kept * baselineCtr < -Z * Math.sqrt(Math.max(variance, 1e-12));
    }

    private boolean outside(double calibration) {
        return calibration < limits.calibrationLow() || calibration > limits.calibrationHigh();
    }

    /** Whether {@code calibration} is further from 1 than the previous version's, or that one was within the bounds. */
    private boolean worseThanBaseline(double calibration, Double baseline) {
        if (baseline == null || !Double.isFinite(baseline) || baseline <= 0.0 || !outside(baseline)) {
            return true;
        }
        return Math.abs(Math.log(calibration)) > Math.abs(Math.log(baseline));
    }

    private static RefreshVerdict revert(Map<String, Object> numbers, String reason) {
        return new RefreshVerdict(Outcome.REVERT, reason, numbers);
    }

    private static Map<String, Object> numbersOf(RefreshWatch watch, RefreshEvidence evidence) {
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("arm", armName(watch));
        numbers.put("lineage", watch.lineage());
        numbers.put("version", watch.current());
        numbers.put("previous", watch.previous());
        numbers.put("samples", evidence.samples());
        numbers.put("positives", evidence.positives());
        putFinite(numbers, "ctr", evidence.ctr());
        putFinite(numbers, "calibration", evidence.calibration());
        if (watch.baselineCtr() != null) {
            numbers.put("baselineCtr", watch.baselineCtr());
            numbers.put("baselineSamples", watch.baselineSamples());
        }
        if (watch.baselineCalibration() != null) {
            numbers.put("baselineCalibration", watch.baselineCalibration());
        }
        numbers.put("requests", evidence.requests());
        numbers.put("errors", evidence.errors());
        putFinite(numbers, "errorRate", evidence.errorRate());
        return numbers;
    }

    private static void putFinite(Map<String, Object> numbers, String key, double value) {
        if (Double.isFinite(value)) {
            numbers.put(key, value);
        }
    }

    private static String armName(RefreshWatch watch) {
        return watch.arm().wireName();
    }
}
