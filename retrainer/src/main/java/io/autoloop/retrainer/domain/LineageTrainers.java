package io.autoloop.retrainer.domain;

import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.Lineage;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.SharedEncodings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The trainers of every active lineage of one model, trained in one pass: consumes the records of
 * {@code training.samples} one by one and hands each to every lineage's {@link Trainer}, and, when a
 * {@link SearchPlan} is enabled, to the {@link ShadowSearch} beside the champion's lineage, hashing it once per
 * distinct feature spec ({@link SharedEncodings}); produces the checkpoint bytes of all of them with the consumed
 * offsets.
 *
 * <p>Lifecycle:
 *
 * <ol>
 *   <li>{@link #fresh} (no checkpoint) or {@link #restore} (from {@link #checkpoint} bytes, or from the checkpoint of
 *       one trainer written before lineages).
 *   <li>{@link #follow} with the model's active lineages at the start of a term and whenever they are read again: a
 *       new lineage gets a fresh trainer that learns from the next record on (the lineage of a graduated shadow gets
 *       the shadow's learner, warm); a lineage no longer active (retired) loses its trainer, so it neither trains nor
 *       publishes any more. The search follows: it anchors to the champion's lineage.
 *   <li>{@link #accept} (or {@link #acceptMalformed}, {@link #acceptQuarantined}) every record in offset order.
 *   <li>{@link #checkpoint} at any point between records: every trainer and the offsets describe exactly the same
 *       records, so resuming from the bytes neither loses nor repeats one in any lineage.
 * </ol>
 *
 * <p>Not thread-safe: one trainer thread owns it.
 */
public final class LineageTrainers {

    private final String model;
    private final TrainerSettings settings;
    private final SharedEncodings encodings = new SharedEncodings();
    private final TreeMap<String, Long> offsets;
    private final List<Trainer> trainers = new ArrayList<>();
    private final List<String> restoreNotices;
    private ShadowSearch search;
    private String lastProblem;

    private LineageTrainers(
            String model, TrainerSettings settings, Map<String, Long> offsets, List<String> restoreNotices) {
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.offsets = new TreeMap<>(offsets);
        this.restoreNotices = new ArrayList<>(restoreNotices);
    }

    /** No trainer yet, nothing consumed, no search: {@link #follow} adds the lineages. */
    public static LineageTrainers fresh(String model, TrainerSettings settings) {
        return new LineageTrainers(model, settings, Map.of(), List.of());
    }

    /** No trainer yet, nothing consumed, and a search by {@code plan} if it is enabled. */
    public static LineageTrainers fresh(String model, TrainerSettings settings, SearchPlan plan) {
        LineageTrainers fresh = fresh(model, settings);
        fresh.search = plan.enabled() ? ShadowSearch.start(plan) : null;
        return fresh;
    }

    /**
     * {@link #restore(String, byte[], TrainerSettings, Collection)}, with the checkpoint's search resumed if
     * {@code plan} is enabled and is the plan it was saved under (else a search that starts again, or none).
     */
    public static LineageTrainers restore(
            String model, byte[] bytes, TrainerSettings settings, Collection<Lineage> known, SearchPlan plan) {
        TrainerStateCodec.ModelParts parts = TrainerStateCodec.readModel(bytes, settings.holdoutSamples());
        LineageTrainers restored = restore(model, parts, settings, known);
        if (plan.enabled()) {
            restored.search = parts.search() == null
                    ? ShadowSearch.start(plan)
                    : ShadowSearch.restore(parts.search(), plan, restored.restoreNotices);
        } else if (parts.search() != null) {
            restored.restoreNotices.add("The checkpoint holds a search of shadow configurations, but the search is"
                    + " disabled; its shadows are dropped.");
        }
        return restored;
    }

    /**
     * The trainers of a checkpoint, for those of its lineages that are among {@code known}; the state of any other
     * lineage is dropped and said so in {@link #restoreNotices()}. A checkpoint written before lineages holds one
     * trainer, which belongs to the lineage of its learner's configuration.
     *
     * @throws io.autoloop.learner.ModelFormatException if the bytes are not a sound checkpoint
     */
    public static LineageTrainers restore(
            String model, byte[] bytes, TrainerSettings settings, Collection<Lineage> known) {
        return restore(model, TrainerStateCodec.readModel(bytes, settings.holdoutSamples()), settings, known);
    }

    private static LineageTrainers restore(
            String model, TrainerStateCodec.ModelParts parts, TrainerSettings settings, Collection<Lineage> known) {
        Map<String, Lineage> byId = new HashMap<>();
        known.forEach(lineage -> byId.put(lineage.ref().id(), lineage));
        LineageTrainers restored = new LineageTrainers(model, settings, parts.offsets(), List.of());
        for (TrainerStateCodec.LineageParts saved : parts.lineages()) {
            String id = saved.lineageId() != null
                    ? saved.lineageId()
                    : TrainerSettings.configOf(
                                    saved.parts().learner().learner().spec(),
                                    saved.parts().learner().learner().parameters())
                            .fingerprint();
            Lineage lineage = byId.get(id);
            if (lineage == null) {
                restored.restoreNotices.add(
                        "The checkpoint holds the state of lineage " + id + ", which is not active; it is dropped.");
                continue;
            }
            Trainer trainer = Trainer.restore(lineage, saved.parts(), settings);
            restored.restoreNotices.addAll(trainer.restoreNotices());
            restored.trainers.add(trainer);
        }
        restored.trainers.sort(Comparator.comparingInt(t -> t.lineage().ordinal()));
        return restored;
    }

    /**
     * Trains exactly the lineages of {@code active} from now on: adds a trainer, starting at the current offsets, for
     * each one without a trainer (fresh, or with the learner of the search's graduate when the lineage is its
     * configuration), and drops the trainer of each lineage that is not among them; then the search follows them.
     *
     * @return one sentence per change, for the log; empty when nothing changed
     */
    public List<String> follow(Collection<Lineage> active) {
        Map<String, Lineage> byId = new HashMap<>();
        active.forEach(lineage -> byId.put(lineage.ref().id(), lineage));
        List<String> changes = new ArrayList<>();
        trainers.removeIf(trainer -> {
            boolean retired = !byId.containsKey(trainer.lineage().ref().id());
            if (retired) {
                changes.add("Lineage " + describe(trainer.lineage()) + " stopped training: it is no longer active.");
            }
            return retired;
        });
        for (Lineage lineage : active) {
            if (trainer(lineage.ref().id()).isEmpty()) {
                Optional<FtrlLearner> graduate = search == null ? Optional.empty() : search.adopt(lineage);
                if (graduate.isPresent()) {
                    trainers.add(Trainer.graduate(lineage, graduate.get(), settings, offsets));
                    changes.add("Lineage " + describe(lineage) + " started training from the next record with the"
                            + " learner of the shadow that graduated ("
                            + graduate.get().samplesSeen()
                            + " samples learned).");
                } else {
                    trainers.add(Trainer.fresh(lineage, settings, offsets));
                    changes.add("Lineage " + describe(lineage) + " started training from the next record.");
                }
            }
        }
        trainers.sort(Comparator.comparingInt(t -> t.lineage().ordinal()));
        if (search != null) {
            search.follow(trainers);
        }
        return changes;
    }

    private static String describe(Lineage lineage) {
        return lineage.ref().name() + " (" + lineage.ref().id() + ", "
                + lineage.config().canonical() + ")";
    }

    /**
     * Takes one sample at {@code offset} of {@code partition} into every trainer (see
     * {@link Trainer#accept(String, long, LabelledSample)}); the sample is hashed once per distinct feature spec.
     *
     * @return {@link SampleOutcome#MALFORMED} or {@link SampleOutcome#NO_CONSENT} as every trainer saw it;
     *     {@link SampleOutcome#NON_FINITE_UPDATE} if any trainer refused it; else {@link SampleOutcome#TRAINED}
     */
    public SampleOutcome accept(String partition, long offset, LabelledSample sample) {
        offsets.put(partition, offset + 1);
        encodings.next(sample.userId(), sample.itemId(), sample.position(), sample.features());
        SampleOutcome combined = sample.consent() ? SampleOutcome.TRAINED : SampleOutcome.NO_CONSENT;
        String anchor = search == null ? null : search.anchor();
        Trainer anchorTrainer = null;
        for (Trainer trainer : trainers) {
            SampleOutcome outcome = trainer.accept(partition, offset, sample, encodings);
            if (outcome == SampleOutcome.TRAINED && trainer.lineage().ref().id().equals(anchor)) {
                anchorTrainer = trainer;
            }
            if (outcome != SampleOutcome.TRAINED && combined == SampleOutcome.TRAINED) {
                combined = outcome;
                lastProblem = trainer.lastProblem();
            }
        }
        if (search != null && sample.consent() && (anchor == null || anchorTrainer != null)) {
            search.observe(encodings, sample.label(), sample.weight(), anchorTrainer);
        }
        return combined;
    }

    /** Takes a record that is not a valid sample into every trainer: counted and skipped. */
    public void acceptMalformed(String partition, long offset, String problem) {
        offsets.put(partition, offset + 1);
        trainers.forEach(trainer -> trainer.acceptMalformed(partition, offset, problem));
        lastProblem = problem;
    }

    /** Takes a record the training loop failed on twice into every trainer: counted and skipped. */
    public void acceptQuarantined(String partition, long offset, String problem) {
        offsets.put(partition, offset + 1);
        trainers.forEach(trainer -> trainer.acceptQuarantined(partition, offset, problem));
        lastProblem = problem;
    }

    /** Why the last record that was not learned for a fault of its own was refused: one sentence. */
    public String lastProblem() {
        return lastProblem;
    }

    /** The checkpoint bytes of every trainer, the search and the offsets; see {@link TrainerStateCodec} for the layout. */
    public byte[] checkpoint(Instant now) {
        List<TrainerStateCodec.LineageParts> parts = trainers.stream()
                .map(trainer -> new TrainerStateCodec.LineageParts(
                        trainer.lineage().ref().id(), trainer.parts(now)))
                .toList();
        return TrainerStateCodec.writeModel(offsets, parts, search == null ? null : search.bytes());
    }

    /** The search of shadow configurations, if one is enabled. */
    public Optional<ShadowSearch> search() {
        return Optional.ofNullable(search);
    }

    /** The trainers of the active lineages, by ordinal. */
    public List<Trainer> trainers() {
        return Collections.unmodifiableList(trainers);
    }

    /** The trainer of the lineage {@code id}, if it is trained. */
    public Optional<Trainer> trainer(String id) {
        return trainers.stream()
                .filter(trainer -> trainer.lineage().ref().id().equals(id))
                .findFirst();
    }

    /** The next offset to consume per partition, e.g. {@code training.samples-3 → 1200}. */
    public Map<String, Long> offsets() {
        return Collections.unmodifiableMap(offsets);
    }

    /** How many times a sample was hashed, over every feature spec, since these trainers were made or restored. */
    public long hashings() {
        return encodings.encodings();
    }

    public String model() {
        return model;
    }

    /** What {@link #restore} noticed and the operator should know (dropped lineages, changed learners). */
    public List<String> restoreNotices() {
        return List.copyOf(restoreNotices);
    }
}
