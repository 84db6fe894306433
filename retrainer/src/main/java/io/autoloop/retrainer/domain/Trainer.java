package io.autoloop.retrainer.domain;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.Lineage;
import io.autoloop.contracts.ModelMetrics;
import io.autoloop.learner.Calibration;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.ModelSnapshot;
import io.autoloop.learner.NonFiniteUpdateException;
import io.autoloop.learner.ProgressiveValidation;
import io.autoloop.learner.SharedEncodings;
import io.autoloop.learner.TrainerCheckpoint;
import io.autoloop.learner.ValidationMetrics;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The training state of one {@link Lineage} of a model: consumes the records of {@code training.samples} one by one
 * and produces progressive metrics, gated {@link Candidate}s numbered {@code ordinal.refresh.0} and checkpoint bytes.
 * Kafka, Redis and clocks stay outside; {@link LineageTrainers} runs the trainers of every active lineage together.
 *
 * <p>Lifecycle:
 *
 * <ol>
 *   <li>{@link #fresh} (no checkpoint) or {@link #restore} (from {@link #checkpoint} bytes).
 *   <li>{@link #referenceChanged} whenever another version becomes the one its candidates would replace (see
 *       {@link ServedVersions}): the holdout window starts over.
 *   <li>{@link #accept} (or {@link #acceptMalformed}, {@link #acceptQuarantined}) every record in offset order: each
 *       sample is scored by the reference version and the learner, then learned (progressive validation), and its offset is
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

    private final Lineage lineage;
    private final FtrlLearner learner;
    private final ProgressiveValidation validation;
    private final HoldoutWindow window;
    private final ValidationGate gate;
    private final TreeMap<String, Long> offsets;
    private final SharedEncodings ownEncodings = new SharedEncodings();
    private final long resumedFromSamples;
    private final List<String> restoreNotices;

    private ModelSnapshot reference;
    private Arm referenceArm;
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
    private double lastPrediction = Double.NaN;

    private Trainer(
            Lineage lineage,
            FtrlLearner learner,
            ProgressiveValidation validation,
            HoldoutWindow window,
            GatePolicy policy,
            Map<String, Long> offsets,
            List<String> restoreNotices) {
        this.lineage = Objects.requireNonNull(lineage, "lineage");
        this.learner = learner;
        this.validation = validation;
        this.window = window;
        this.gate = new ValidationGate(policy);
        this.offsets = new TreeMap<>(offsets);
        this.resumedFromSamples = learner.samplesSeen();
        this.restoreNotices = List.copyOf(restoreNotices);
    }

    /** A trainer of {@code lineage} with zero weights that has consumed nothing. */
    public static Trainer fresh(Lineage lineage, TrainerSettings settings) {
        return fresh(lineage, settings, Map.of());
    }

    /**
     * A trainer of {@code lineage} with zero weights that starts at {@code offsets}: a lineage added while others
     * train learns from the next record on.
     */
    public static Trainer fresh(Lineage lineage, TrainerSettings settings, Map<String, Long> offsets) {
        return new Trainer(
                lineage,
                new FtrlLearner(settings.spec(lineage.config()), TrainerSettings.parameters(lineage.config())),
                new ProgressiveValidation(),
                new HoldoutWindow(settings.holdoutSamples()),
                settings.gate(),
                offsets,
                List.of());
    }

    /**
     * A trainer of {@code lineage} that goes on with {@code learner} as it is, from {@code offsets}: a graduated shadow's
     * learner, which learned the same samples beside the search's champion and continues warm as a lineage.
     */
    static Trainer graduate(Lineage lineage, FtrlLearner learner, TrainerSettings settings, Map<String, Long> offsets) {
        return new Trainer(
                lineage,
                learner,
                new ProgressiveValidation(),
                new HoldoutWindow(settings.holdoutSamples()),
                settings.gate(),
                offsets,
                List.of());
    }

    /**
     * A trainer of {@code lineage} resumed from {@link #checkpoint} bytes. When the checkpoint's learner trains with
     * another feature spec or other FTRL parameters than the lineage's (the service's hash seed changed, or the bytes
     * predate lineages and belong to another configuration), a fresh learner goes on from the checkpoint's offsets and
     * the difference is reported in {@link #restoreNotices()}.
     *
     * @throws io.autoloop.learner.ModelFormatException if the bytes are not a sound checkpoint
     */
    public static Trainer restore(Lineage lineage, byte[] bytes, TrainerSettings settings) {
        return restore(lineage, TrainerStateCodec.read(bytes, settings.holdoutSamples()), settings);
    }

    static Trainer restore(Lineage lineage, TrainerStateCodec.Parts parts, TrainerSettings settings) {
        TrainerCheckpoint checkpoint = parts.learner();
        FeatureSpec spec = settings.spec(lineage.config());
        FtrlParameters parameters = TrainerSettings.parameters(lineage.config());
        FeatureSpec savedSpec = checkpoint.learner().spec();
        FtrlParameters savedParameters = checkpoint.learner().parameters();
        Trainer trainer;
        if (!savedSpec.equals(spec) || !savedParameters.equals(parameters)) {
            String notice =
                    "Lineage " + lineage.ref().name() + " (" + lineage.ref().id() + ") trains with "
                            + spec.canonical() + " and " + parameters + ", but its checkpoint holds a learner of "
                            + savedSpec.canonical() + " and " + savedParameters
                            + ": a fresh learner goes on from the checkpoint's offsets.";
            trainer = new Trainer(
                    lineage,
                    new FtrlLearner(spec, parameters),
                    new ProgressiveValidation(),
                    new HoldoutWindow(settings.holdoutSamples()),
                    settings.gate(),
                    checkpoint.offsets(),
                    List.of(notice));
        } else {
            trainer = new Trainer(
                    lineage,
                    checkpoint.learner(),
                    checkpoint.validation(),
                    parts.window(),
                    settings.gate(),
                    checkpoint.offsets(),
                    List.of());
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
        return TrainerStateCodec.write(parts(now));
    }

    /** The parts of the checkpoint of the current state. */
    TrainerStateCodec.Parts parts(Instant now) {
        TrainerCheckpoint checkpoint = new TrainerCheckpoint(name(), lastVersion, now, offsets, learner, validation);
        return new TrainerStateCodec.Parts(
                checkpoint,
                lastSpecFingerprint,
                announcedVersion,
                recordsConsumed,
                skippedNoConsent,
                malformed,
                nonFiniteUpdates,
                quarantined,
                samplesAtLastAttempt,
                window);
    }

    /**
     * Continues the version history of a registry this trainer did not write (no checkpoint, but versions of its
     * lineage exist): the next version follows {@code version}.
     */
    public void continueAfter(String version) {
        SemanticVersion.parse(version);
        lastVersion = version;
        announcedVersion = version;
    }

    /**
     * Makes {@code model} (published as {@code version}, served by {@code arm}) the version every sample is also scored
     * with and candidates are judged against. A newer version of the lineage the holdout window was scored with (a
     * refresh of the arm) scores the samples from now on and keeps the window, whose older samples keep the prediction
     * of the version served when they came; a version of another lineage, or none, starts the window over.
     *
     * @param reference the arm and version, or {@link ServedVersions.Reference#NONE} when nothing is published
     * @param model its weights, or null with {@code NONE}
     * @return whether the holdout window started over
     */
    public boolean referenceChanged(ServedVersions.Reference reference, ModelSnapshot model) {
        if ((reference.version() == null) != (model == null)) {
            throw new IllegalArgumentException("A reference needs both a version and a model, or neither.");
        }
        boolean restarted = false;
        if (sameLineage(reference.version(), window.championVersion())) {
            window.refresh(reference.version());
        } else {
            window.restart(reference.version());
            restarted = true;
        }
        this.reference = model;
        referenceArm = reference.arm();
        return restarted;
    }

    /** Whether two versions are of one lineage (their major is its ordinal); false when either is null. */
    private static boolean sameLineage(String version, String other) {
        return version != null
                && other != null
                && SemanticVersion.parse(version).major()
                        == SemanticVersion.parse(other).major();
    }

    /** The version the holdout window is scored with and candidates are judged against, or null. */
    public String referenceVersion() {
        return reference == null ? null : window.championVersion();
    }

    /**
     * The arm and version candidates are judged against, or {@link ServedVersions.Reference#NONE}: the same version may
     * serve another arm later (a champion's version becomes the challenger's in a test, say), and the gate names the
     * arm.
     */
    public ServedVersions.Reference reference() {
        return reference == null
                ? ServedVersions.Reference.NONE
                : new ServedVersions.Reference(referenceArm, window.championVersion());
    }

    /**
     * Takes one sample at {@code offset} of {@code partition} (for example {@code training.samples-3}): skips it
     * without consent, otherwise scores it with the reference version and the learner and then learns it. A sample whose
     * features cannot be hashed is {@link SampleOutcome#MALFORMED}; one the learner refuses is
     * {@link SampleOutcome#NON_FINITE_UPDATE}, and neither changes anything but the counts and the offset.
     */
    public SampleOutcome accept(String partition, long offset, LabelledSample sample) {
        ownEncodings.next(sample.userId(), sample.itemId(), sample.position(), sample.features());
        return accept(partition, offset, sample, ownEncodings);
    }

    /**
     * {@link #accept(String, long, LabelledSample)} with the sample's vectors taken from {@code encodings}, which the
     * caller has set to {@code sample} ({@link SharedEncodings#next}): trainers of the same feature spec share one
     * hashing of it, and the reference version's vector is shared as well.
     */
    public SampleOutcome accept(String partition, long offset, LabelledSample sample, SharedEncodings encodings) {
        consumed(partition, offset);
        lastPrediction = Double.NaN;
        if (!sample.consent()) {
            skippedNoConsent++;
            return SampleOutcome.NO_CONSENT;
        }
        FeatureVector vector;
        try {
            vector = encodings.vector(learner.spec());
        } catch (IllegalArgumentException e) {
            malformed++;
            lastProblem = e.getMessage();
            return SampleOutcome.MALFORMED;
        }
        double label = sample.label();
        double weight = sample.weight();
        double referencePrediction = Double.NaN;
        if (reference != null) {
            referencePrediction = reference.predict(encodings.vector(reference.featureSpec()));
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
        window.add(vector, label, weight, prediction, referencePrediction);
        lastPrediction = prediction;
        return SampleOutcome.TRAINED;
    }

    /** The progressive prediction of the last sample taken, made before it was learned; NaN if it was not learned. */
    double lastPrediction() {
        return lastPrediction;
    }

    /** The learner, for the search whose champion this lineage is: it copies it to warm-start shadows. */
    FtrlLearner learner() {
        return learner;
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
        SemanticVersion last = lastVersion == null ? null : SemanticVersion.parse(lastVersion);
        return last != null && last.major() == lineage.ordinal()
                ? last.nextMinor()
                : SemanticVersion.first(lineage.ordinal());
    }

    /** Freezes the learner as the next version and judges it with the validation gate. */
    public Candidate propose(Instant now) {
        SemanticVersion version = nextVersion();
        ModelSnapshot model = snapshot(version, now);
        return new Candidate(
                lineage.ref(), version, model, gate.judge(model, window, referenceArm, referenceVersion()), metrics());
    }

    /** The first version of an empty registry, published without a gate (bias only when nothing was trained). */
    public Candidate initial(Instant now) {
        SemanticVersion version = nextVersion();
        ModelSnapshot model = snapshot(version, now);
        GateVerdict verdict = new GateVerdict(
                GateReason.INITIAL_VERSION,
                "The registry is empty: the learner's current state is published without a gate so the router has a"
                        + " champion.",
                window.losses(),
                Double.NaN);
        return new Candidate(lineage.ref(), version, model, verdict, metrics());
    }

    private ModelSnapshot snapshot(SemanticVersion version, Instant now) {
        return learner.snapshot(name(), version.toString(), lastVersion, offsets, now);
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
        return lineage.model();
    }

    /** The lineage this trainer trains. */
    public Lineage lineage() {
        return lineage;
    }

    public FeatureSpec spec() {
        return learner.spec();
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
