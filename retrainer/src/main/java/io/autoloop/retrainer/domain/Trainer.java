package io.autoloop.retrainer.domain;

import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.ModelMetrics;
import io.autoloop.learner.Calibration;
import io.autoloop.learner.FeatureEncoder;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.ModelSnapshot;
import io.autoloop.learner.NonFiniteUpdateException;
import io.autoloop.learner.ProgressiveValidation;
import io.autoloop.learner.TrainerCheckpoint;
import io.autoloop.learner.ValidationMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The training state of one model: consumes the records of {@code training.samples} one by one and produces
 * progressive metrics, gated {@link Candidate}s and checkpoint bytes. Kafka, Redis and clocks stay outside.
 *
 * <p>Lifecycle:
 *
 * <ol>
 *   <li>{@link #fresh} (no checkpoint) or {@link #restore} (from {@link #checkpoint} bytes).
 *   <li>{@link #championChanged} whenever the registry names another champion: the holdout window starts over.
 *   <li>{@link #accept} (or {@link #acceptMalformed}, {@link #acceptQuarantined}) every record in offset order: each
 *       sample is scored by the champion and the learner, then learned (progressive validation), and its offset is
 *       remembered. A sample the learner refuses (it would make its state non-finite) is counted, not learned, and
 *       leaves no trace in the metrics or the holdout window.
 *   <li>{@link #propose} when a candidate is due; then {@link #published} or {@link #rejected}.
 *   <li>{@link #checkpoint} at any point between records: learner, validation, window, counters and offsets
 *       describe exactly the same records, so resuming from the bytes neither loses nor repeats one.
 * </ol>
 *
 * <p>Not thread-safe: one trainer thread owns it.
 */
public final class Trainer {

    private final String name;
    private final FeatureEncoder encoder;
    private final FtrlLearner learner;
    private final ProgressiveValidation validation;
    private final HoldoutWindow window;
    private final ValidationGate gate;
    private final TreeMap<String, Long> offsets;
    private final FeatureVector vector = new FeatureVector(256);
    private final FeatureVector championVector = new FeatureVector(256);
    private final long resumedFromSamples;
    private final List<String> restoreNotices;

    private ModelSnapshot champion;
    private FeatureEncoder championEncoder;
    private String lastVersion;
    private String lastSpecFingerprint;
    private String announcedVersion;
    private long recordsConsumed;
    private long skippedNoConsent;
    private long malformed;
    private long nonFiniteUpdates;
    private long quarantined;
    private long samplesAtLastAttempt;
    private String lastProblem;

    private Trainer(
            String name,
            FtrlLearner learner,
            ProgressiveValidation validation,
            HoldoutWindow window,
            GatePolicy policy,
            Map<String, Long> offsets,
            List<String> restoreNotices) {
        this.name = Objects.requireNonNull(name, "name");
        this.learner = learner;
        this.encoder = new FeatureEncoder(learner.spec());
        this.validation = validation;
        this.window = window;
        this.gate = new ValidationGate(policy);
        this.offsets = new TreeMap<>(offsets);
        this.resumedFromSamples = learner.samplesSeen();
        this.restoreNotices = List.copyOf(restoreNotices);
    }

    /** A trainer with zero weights that has consumed nothing. */
    public static Trainer fresh(String name, TrainerSettings settings) {
        return new Trainer(
                name,
                new FtrlLearner(settings.spec(), settings.parameters()),
                new ProgressiveValidation(),
                new HoldoutWindow(settings.holdoutSamples()),
                settings.gate(),
                Map.of(),
                List.of());
    }

    /**
     * A trainer resumed from {@link #checkpoint} bytes. When {@code settings} name another feature spec than the
     * checkpoint's, the learner starts over (its next version is a new major) and, if
     * {@link TrainerSettings#replayOnSpecChange()}, so do the offsets; other differences are reported in
     * {@link #restoreNotices()}.
     *
     * @throws io.autoloop.learner.ModelFormatException if the bytes are not a sound checkpoint
     */
    public static Trainer restore(byte[] bytes, TrainerSettings settings) {
        TrainerStateCodec.Parts parts = TrainerStateCodec.read(bytes, settings.holdoutSamples());
        TrainerCheckpoint checkpoint = parts.learner();
        FeatureSpec saved = checkpoint.learner().spec();
        List<String> notices = new ArrayList<>();
        Trainer trainer;
        if (!saved.equals(settings.spec())) {
            notices.add("The feature spec changed from " + saved.canonical() + " to "
                    + settings.spec().canonical()
                    + ": a fresh learner starts a new major version"
                    + (settings.replayOnSpecChange() ? " and replays the topic from its beginning." : "."));
            trainer = new Trainer(
                    checkpoint.name(),
                    new FtrlLearner(settings.spec(), settings.parameters()),
                    new ProgressiveValidation(),
                    new HoldoutWindow(settings.holdoutSamples()),
                    settings.gate(),
                    settings.replayOnSpecChange() ? Map.of() : checkpoint.offsets(),
                    notices);
        } else {
            if (!checkpoint.learner().parameters().equals(settings.parameters())) {
                notices.add("The configured FTRL parameters " + settings.parameters()
                        + " differ from the checkpoint's "
                        + checkpoint.learner().parameters()
                        + "; training goes on with the checkpoint's. Change the feature spec or remove the checkpoint"
                        + " to train with new ones.");
            }
            trainer = new Trainer(
                    checkpoint.name(),
                    checkpoint.learner(),
                    checkpoint.validation(),
                    parts.window(),
                    settings.gate(),
                    checkpoint.offsets(),
                    notices);
            trainer.recordsConsumed = parts.recordsConsumed();
            trainer.skippedNoConsent = parts.skippedNoConsent();
            trainer.malformed = parts.malformed();
            trainer.nonFiniteUpdates = parts.nonFiniteUpdates();
            trainer.quarantined = parts.quarantined();
            trainer.samplesAtLastAttempt = parts.samplesAtLastAttempt();
        }
        trainer.lastVersion = checkpoint.lastVersion();
        trainer.lastSpecFingerprint = parts.lastSpecFingerprint();
        trainer.announcedVersion = parts.announcedVersion();
        return trainer;
    }

    /** The checkpoint bytes of the current state; see {@link TrainerStateCodec} for the layout. */
    public byte[] checkpoint(Instant now) {
        TrainerCheckpoint checkpoint = new TrainerCheckpoint(name, lastVersion, now, offsets, learner, validation);
        return TrainerStateCodec.write(new TrainerStateCodec.Parts(
                checkpoint,
                lastSpecFingerprint,
                announcedVersion,
                recordsConsumed,
                skippedNoConsent,
                malformed,
                nonFiniteUpdates,
                quarantined,
                samplesAtLastAttempt,
                window));
    }

    /**
     * Continues the version history of a registry this trainer did not write (no checkpoint, but versions exist):
     * the next version follows {@code version}, a new major if {@code specFingerprint} differs from the learner's.
     */
    public void continueAfter(String version, String specFingerprint) {
        SemanticVersion.parse(version);
        lastVersion = version;
        lastSpecFingerprint = specFingerprint;
        announcedVersion = version;
    }

    /**
     * Makes {@code model} (published as {@code version}) the champion every sample is also scored with; when the
     * version differs from the one the holdout window was scored with, the window starts over.
     *
     * @param version the champion's version, or null for no champion
     * @param model its weights, or null for no champion
     */
    public void championChanged(String version, ModelSnapshot model) {
        if ((version == null) != (model == null)) {
            throw new IllegalArgumentException("A champion needs both a version and a model, or neither.");
        }
        if (!Objects.equals(version, window.championVersion())) {
            window.restart(version);
        }
        champion = model;
        championEncoder = model == null || model.featureSpec().equals(encoder.spec())
                ? null
                : new FeatureEncoder(model.featureSpec());
    }

    /** The champion version the holdout window is scored with, or null. */
    public String championVersion() {
        return champion == null ? null : window.championVersion();
    }

    /**
     * Takes one sample at {@code offset} of {@code partition} (for example {@code training.samples-3}): skips it
     * without consent, otherwise scores it with the champion and the learner and then learns it. A sample whose
     * features cannot be hashed is {@link SampleOutcome#MALFORMED}; one the learner refuses is
     * {@link SampleOutcome#NON_FINITE_UPDATE}, and neither changes anything but the counts and the offset.
     */
    public SampleOutcome accept(String partition, long offset, LabelledSample sample) {
        consumed(partition, offset);
        if (!sample.consent()) {
            skippedNoConsent++;
            return SampleOutcome.NO_CONSENT;
        }
        try {
            encode(encoder, sample, vector);
        } catch (IllegalArgumentException e) {
            malformed++;
            lastProblem = e.getMessage();
            return SampleOutcome.MALFORMED;
        }
        double label = sample.label();
        double weight = sample.weight();
        double championPrediction = Double.NaN;
        if (champion != null) {
            if (championEncoder == null) {
                championPrediction = champion.predict(vector);
            } else {
                encode(championEncoder, sample, championVector);
                championPrediction = champion.predict(championVector);
            }
        }
        double prediction;
        try {
            prediction = learner.learn(vector, label, weight);
        } catch (NonFiniteUpdateException e) {
            nonFiniteUpdates++;
            String feature = featureWithValue(sample, e.value());
            lastProblem = "The learner refused sample " + sample.decisionId() + "/" + sample.itemId()
                    + (feature == null ? "" : " for its feature " + feature) + ": " + e.getMessage();
            return SampleOutcome.NON_FINITE_UPDATE;
        }
        validation.record(prediction, label, weight);
        window.add(vector, label, weight, prediction, championPrediction);
        return SampleOutcome.TRAINED;
    }

    /** Encodes {@code sample} at the slot it was shown in, as the router scored it there. */
    private static void encode(FeatureEncoder encoder, LabelledSample sample, FeatureVector out) {
        encoder.encode(sample.userId(), sample.itemId(), sample.position(), sample.features(), out);
    }

    /** The {@code namespace^name} of the first numeric feature of {@code sample} equal to {@code value}, or null. */
    private static String featureWithValue(LabelledSample sample, double value) {
        for (Map.Entry<String, Map<String, Object>> namespace :
                sample.features().entrySet()) {
            for (Map.Entry<String, Object> feature : namespace.getValue().entrySet()) {
                if (feature.getValue() instanceof Number number && number.doubleValue() == value) {
                    return namespace.getKey() + "^" + feature.getKey();
                }
            }
        }
        return null;
    }

    /** Takes a record at {@code offset} of {@code partition} that is not a valid sample: counts and skips it. */
    public void acceptMalformed(String partition, long offset, String problem) {
        consumed(partition, offset);
        malformed++;
        lastProblem = problem;
    }

    /**
     * Takes a record at {@code offset} of {@code partition} that the training loop failed on twice with
     * {@code problem}: counts and skips it, so that the loop moves past it.
     */
    public void acceptQuarantined(String partition, long offset, String problem) {
        consumed(partition, offset);
        quarantined++;
        lastProblem = problem;
    }

    /** Why the last record that was not learned for a fault of its own was refused: one sentence. */
    public String lastProblem() {
        return lastProblem;
    }

    /** Whether the holdout window holds enough samples for the gate to judge a candidate. */
    public boolean canJudge() {
        return window.size() >= gate.policy().minHoldoutSamples();
    }

    private void consumed(String partition, long offset) {
        offsets.put(partition, offset + 1);
        recordsConsumed++;
    }

    /** The version the next candidate that passes is published as. */
    public SemanticVersion nextVersion() {
        if (lastVersion == null) {
            return SemanticVersion.INITIAL;
        }
        SemanticVersion last = SemanticVersion.parse(lastVersion);
        return encoder.spec().fingerprint().equals(lastSpecFingerprint) ? last.nextMinor() : last.nextMajor();
    }

    /** Freezes the learner as the next version and judges it with the validation gate. */
    public Candidate propose(Instant now) {
        SemanticVersion version = nextVersion();
        ModelSnapshot model = snapshot(version, now);
        return new Candidate(version, model, gate.judge(model, window, championVersion()), metrics());
    }

    /** The bias-only first version of an empty registry, published without a gate. */
    public Candidate initial(Instant now) {
        SemanticVersion version = nextVersion();
        ModelSnapshot model = snapshot(version, now);
        GateVerdict verdict = new GateVerdict(
                GateReason.INITIAL_VERSION,
                "The registry is empty: the learner's current state is published without a gate so the router has a"
                        + " champion.",
                window.losses(),
                Double.NaN);
        return new Candidate(version, model, verdict, metrics());
    }

    private ModelSnapshot snapshot(SemanticVersion version, Instant now) {
        return learner.snapshot(name, version.toString(), lastVersion, offsets, now);
    }

    /** Records that {@code candidate} is in the registry: the next version follows it. */
    public void published(Candidate candidate) {
        lastVersion = candidate.version().toString();
        lastSpecFingerprint = candidate.model().featureSpec().fingerprint();
        samplesAtLastAttempt = learner.samplesSeen();
    }

    /** Records that a candidate was rejected: the next one is due after another full publish interval. */
    public void rejected() {
        samplesAtLastAttempt = learner.samplesSeen();
    }

    /** Records that {@code version} was announced on {@code model.versions}. */
    public void announced(String version) {
        announcedVersion = version;
    }

    /** The last published version when it has not been announced yet (a crash in between), else null. */
    public String unannouncedVersion() {
        return lastVersion != null && !lastVersion.equals(announcedVersion) ? lastVersion : null;
    }

    /** Progressive validation metrics of the learner, with the holdout log loss; sorts the AUC window. */
    public ModelMetrics metrics() {
        ValidationMetrics metrics = validation.metrics();
        Calibration calibration = metrics.calibration();
        double predictedOverObserved =
                calibration.observed() == 0.0 ? Double.NaN : calibration.predicted() / calibration.observed();
        return new ModelMetrics(
                metrics.samples(),
                metrics.logLoss(),
                metrics.auc(),
                predictedOverObserved,
                window.losses().learnerLogLoss());
    }

    public String name() {
        return name;
    }

    public FeatureSpec spec() {
        return encoder.spec();
    }

    /** Trained samples (the learner's count), zero-weight ones included. */
    public long samplesSeen() {
        return learner.samplesSeen();
    }

    /** Trained samples when this trainer was restored (0 when fresh). */
    public long resumedFromSamples() {
        return resumedFromSamples;
    }

    /** Records taken: trained, skipped without consent, malformed, refused by the learner, and quarantined. */
    public long recordsConsumed() {
        return recordsConsumed;
    }

    public long skippedNoConsent() {
        return skippedNoConsent;
    }

    public long malformed() {
        return malformed;
    }

    /** Samples the learner refused because they would have made its state non-finite. */
    public long nonFiniteUpdates() {
        return nonFiniteUpdates;
    }

    /** Records skipped because the training loop failed on each of them twice. */
    public long quarantined() {
        return quarantined;
    }

    /** Trained samples since the last published or rejected candidate. */
    public long samplesSinceLastAttempt() {
        return learner.samplesSeen() - samplesAtLastAttempt;
    }

    /** The next offset to consume per partition, e.g. {@code training.samples-3 → 1200}. */
    public Map<String, Long> offsets() {
        return Collections.unmodifiableMap(offsets);
    }

    /** The last version this trainer's history published, or null. */
    public String lastVersion() {
        return lastVersion;
    }

    /** The holdout window's current losses. */
    public HoldoutWindow.PairedLosses holdout() {
        return window.losses();
    }

    /** What {@link #restore} noticed and the operator should know (spec or parameter changes). */
    public List<String> restoreNotices() {
        return restoreNotices;
    }
}
