package io.autoloop.retrainer.domain;

import io.autoloop.contracts.Lineage;
import io.autoloop.contracts.LineageConfig;
import io.autoloop.learner.CheckpointCodec;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.ModelFormatException;
import io.autoloop.learner.ProgressiveValidation;
import io.autoloop.learner.SharedEncodings;
import io.autoloop.learner.TrainerCheckpoint;
import io.autoloop.learner.search.Candidate;
import io.autoloop.learner.search.Configuration;
import io.autoloop.learner.search.OnlineSearch;
import io.autoloop.learner.search.SearchEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The shadows of a model: consumes each sample the champion's lineage learned (its {@link Trainer}'s progressive
 * prediction, and the sample's vectors from the {@link SharedEncodings} the lineages share) and produces the
 * {@link SearchEvent}s of an {@link OnlineSearch} whose champion is that lineage and whose challengers are K shadow
 * configurations, each trained here with its own {@link FtrlLearner} on the same samples.
 *
 * <p>A shadow is a lineage configuration that is not a lineage yet: it has no id in the registry, publishes nothing
 * and is gated by nothing; it only learns and is compared. When one <b>graduates</b> it becomes the search's champion
 * and waits, still learning here, until the retrainer registers the lineage of its configuration (origin
 * {@code search}) and {@link #adopt}s it: the lineage's {@link Trainer} takes over the shadow's learner as it is (warm)
 * and trains and publishes like any lineage, and the search goes on around it. The lineage the search is anchored to
 * is the <b>anchor</b>: at first the lowest-ordinal active lineage (the champion's: the router retires the loser of
 * every experiment), then the last graduate. When the anchor is retired (its experiment lost) the search starts again
 * around the lowest-ordinal active lineage, its seed moved on by one.
 *
 * <p>Lifecycle: {@link #start} (or {@link #restore}); {@link #follow} with the trainers whenever the lineages change;
 * {@link #observe} every sample the anchor learned (or, while a graduate waits, every consented sample); then
 * {@link #drainEvents}; {@link #waitingGraduate} and {@link #adopt} for a graduation; {@link #writeTo} between
 * samples. Deterministic: restored from {@link #writeTo}'s bytes it goes on exactly as it would have. Not thread-safe:
 * the training thread owns it.
 */
public final class ShadowSearch {

    private final SearchPlan plan;
    private final TreeMap<Integer, FtrlLearner> learners = new TreeMap<>();
    private final Map<Integer, ArrayDeque<FtrlLearner>> spentByBits = new HashMap<>();
    private final List<SearchEvent> events = new ArrayList<>();
    private final double[] predictions;
    private OnlineSearch search;
    private String anchor;
    private long restarts;
    private String idleReason = "No lineage trains yet.";

    private ShadowSearch(SearchPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.predictions = new double[plan.settings().challengers() + 1];
    }

    /** A search that starts at the first {@link #follow} with a lineage to anchor to. */
    public static ShadowSearch start(SearchPlan plan) {
        return new ShadowSearch(plan);
    }

    /**
     * The search {@link #writeTo} saved, if it was saved under {@code plan}; otherwise a search that starts afresh,
     * and the reason in {@code notices}.
     *
     * @throws ModelFormatException if the bytes are truncated or hold an impossible value
     */
    static ShadowSearch restore(byte[] bytes, SearchPlan plan, List<String> notices) {
        try {
            return restore(new DataInputStream(new ByteArrayInputStream(bytes)), plan, notices);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFormatException(
                    "The search state of the retrainer checkpoint is truncated or inconsistent: " + e.getMessage(), e);
        }
    }

    private static ShadowSearch restore(DataInput in, SearchPlan plan, List<String> notices) throws IOException {
        ShadowSearch restored = new ShadowSearch(plan);
        String savedPlan = in.readUTF();
        if (!savedPlan.equals(plan.fingerprint())) {
            notices.add("The checkpoint's search ran under another plan (" + savedPlan + "); its shadows are dropped"
                    + " and the search starts again around the champion's lineage.");
            return restored;
        }
        restored.restarts = in.readLong();
        restored.anchor = readOptional(in);
        restored.idleReason = readOptional(in);
        if (in.readBoolean()) {
            restored.search = OnlineSearch.readFrom(in, plan.space(), plan.settings(restored.restarts - 1));
            int count = in.readInt();
            if (count < 0 || count > plan.settings().challengers() + 1) {
                throw new IllegalArgumentException("The saved search declares " + count + " learners.");
            }
            for (int i = 0; i < count; i++) {
                int id = in.readInt();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                restored.learners.put(id, CheckpointCodec.read(bytes).learner());
            }
        }
        return restored;
    }

    /** The bytes of {@link #writeTo}, for the checkpoint. */
    byte[] bytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes the search between two samples: {@code plan fingerprint | i64 restarts | [anchor id] | [idle reason] |
     * bool running [online search | i32 learners | learners × (i32 candidate id | i32 length | learner checkpoint)]}.
     * Events not drained yet are not part of it (they are what the search decided, and the decisions are in its
     * state): the retrainer drains them after every batch, before it checkpoints.
     */
    private void writeTo(DataOutput out) throws IOException {
        out.writeUTF(plan.fingerprint());
        out.writeLong(restarts);
        writeOptional(out, anchor);
        writeOptional(out, idleReason);
        out.writeBoolean(search != null);
        if (search != null) {
            search.writeTo(out);
            out.writeInt(learners.size());
            for (Map.Entry<Integer, FtrlLearner> learner : learners.entrySet()) {
                byte[] bytes = CheckpointCodec.write(new TrainerCheckpoint(
                        "shadow-" + learner.getKey(),
                        null,
                        Instant.EPOCH,
                        Map.of(),
                        learner.getValue(),
                        new ProgressiveValidation()));
                out.writeInt(learner.getKey());
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    /**
     * Anchors the search to the trainers of the active lineages (by ordinal): it starts around the first when it has
     * no anchor yet, and starts again around the first when its anchor is no longer among them (a retired lineage).
     * A graduate waiting for its lineage keeps the search as it is, unless a lineage of its configuration trains
     * already (an admin created it first): the search is then anchored to that lineage and the graduate's learner is
     * dropped.
     */
    void follow(List<Trainer> trainers) {
        Optional<LineageConfig> waiting = waitingGraduate();
        if (waiting.isPresent()) {
            String id = waiting.get().fingerprint();
            if (trainers.stream().anyMatch(t -> t.lineage().ref().id().equals(id))) {
                release(learners.remove(search.champion().id()));
                anchor = id;
            }
            return;
        }
        boolean anchored = anchor != null
                && trainers.stream().anyMatch(t -> t.lineage().ref().id().equals(anchor));
        if (anchored || trainers.isEmpty()) {
            return;
        }
        Trainer first = trainers.get(0);
        learners.values().forEach(this::release);
        learners.clear();
        search = null;
        anchor = first.lineage().ref().id();
        FtrlLearner champion = first.learner();
        try {
            search = new OnlineSearch(
                    new Configuration(champion.spec(), champion.parameters()), plan.space(), plan.settings(restarts));
            idleReason = null;
        } catch (IllegalArgumentException e) {
            idleReason = "The search cannot start around lineage "
                    + first.lineage().ref().name() + ": " + e.getMessage();
        }
        restarts++;
        if (search != null) {
            apply(search.drainEvents(), champion);
        }
    }

    /** The id of the lineage whose trainer's predictions are the champion's; null while a graduate waits (or idle). */
    String anchor() {
        return anchor;
    }

    /**
     * Observes one sample: the champion's prediction (the anchor's progressive prediction, or the waiting graduate's,
     * made here), then every shadow that takes part predicts and learns it; the search then decides.
     *
     * @param anchorTrainer the anchor's trainer, which has just learned the sample (its {@link Trainer#lastPrediction()}
     *     is the champion's prediction); null while a graduate waits
     */
    void observe(SharedEncodings encodings, double label, double weight, Trainer anchorTrainer) {
        if (search == null) {
            return;
        }
        List<Candidate> live = search.live();
        FtrlLearner champion;
        if (anchor != null) {
            champion = anchorTrainer.learner();
            predictions[0] = anchorTrainer.lastPrediction();
        } else {
            champion = learners.get(live.get(0).id());
            try {
                predictions[0] = champion.learn(encodings.vector(champion.spec()), label, weight);
            } catch (IllegalArgumentException e) {
                return; // not hashable, or refused as a non-finite update: not an example of the search
            }
        }
        double importance = search.importance();
        for (int i = 1; i < live.size(); i++) {
            predictions[i] = Double.NaN;
            if (search.takesPart(i)) {
                FtrlLearner shadow = learners.get(live.get(i).id());
                try {
                    predictions[i] = shadow.learn(encodings.vector(shadow.spec()), label, weight * importance);
                } catch (IllegalArgumentException e) {
                    // the shadow is unchanged; the sample counts as one it did not take part in
                }
            }
        }
        search.observe(predictions, label, weight);
        List<SearchEvent> decided = search.drainEvents();
        if (!decided.isEmpty()) {
            apply(decided, champion);
        }
    }

    /** The events since the last call, oldest first. */
    public List<SearchEvent> drainEvents() {
        if (events.isEmpty()) {
            return List.of();
        }
        List<SearchEvent> drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    /** The configuration of the graduated shadow that waits for its lineage, if one does. */
    public Optional<LineageConfig> waitingGraduate() {
        if (search == null || anchor != null) {
            return Optional.empty();
        }
        return Optional.of(configOf(search.champion().configuration()));
    }

    /**
     * Hands the waiting graduate's learner to {@code lineage}'s new trainer, if the lineage is the graduate's
     * configuration; the search is then anchored to it.
     */
    Optional<FtrlLearner> adopt(Lineage lineage) {
        Optional<LineageConfig> waiting = waitingGraduate();
        if (waiting.isEmpty()
                || !waiting.get().fingerprint().equals(lineage.ref().id())) {
            return Optional.empty();
        }
        anchor = lineage.ref().id();
        return Optional.of(learners.remove(search.champion().id()));
    }

    /**
     * Drops the waiting graduate (its configuration's lineage exists but is retired, so it cannot become one): the next
     * {@link #follow} starts the search again around the lowest-ordinal lineage.
     */
    public void abandonGraduate() {
        if (waitingGraduate().isEmpty()) {
            throw new IllegalStateException("No graduate waits for its lineage.");
        }
        learners.values().forEach(this::release);
        learners.clear();
        search = null;
        idleReason = "The last graduate's configuration is a retired lineage's; the search starts again.";
    }

    /** The leaderboard now. */
    public SearchStandings standings() {
        if (search == null) {
            return new SearchStandings(false, idleReason, anchor, null, false, 0, restarts, List.of());
        }
        List<Candidate> live = search.live();
        List<SearchStandings.Shadow> shadows = new ArrayList<>();
        for (int i = 1; i < live.size(); i++) {
            Candidate shadow = live.get(i);
            shadows.add(new SearchStandings.Shadow(
                    shadow.id(),
                    configOf(shadow.configuration()),
                    shadow.since(),
                    search.examples() - shadow.since(),
                    search.comparison(i)));
        }
        return new SearchStandings(
                true,
                null,
                anchor,
                configOf(search.champion().configuration()),
                anchor == null,
                search.examples(),
                restarts,
                shadows);
    }

    /** The lineage configuration of a search's configuration (the service's labelling rules). */
    public static LineageConfig configOf(Configuration configuration) {
        return TrainerSettings.configOf(configuration.spec(), configuration.parameters());
    }

    private void apply(List<SearchEvent> decided, FtrlLearner anchorLearner) {
        for (SearchEvent event : decided) {
            if (event instanceof SearchEvent.Proposed proposed) {
                FtrlLearner source = null;
                if (proposed.warmStart()) {
                    source = anchor != null ? anchorLearner : learners.get(proposed.champion());
                }
                learners.put(
                        proposed.candidate().id(),
                        newLearner(proposed.candidate().configuration(), source));
            } else if (event instanceof SearchEvent.Retired retired) {
                release(learners.remove(retired.candidate().id()));
            } else if (event instanceof SearchEvent.Graduated graduated) {
                FtrlLearner previous =
                        learners.remove(graduated.previousChampion().id());
                if (previous != null) {
                    release(previous); // a graduate that never got its lineage: superseded
                }
                anchor = null;
            }
            events.add(event);
        }
    }

    private FtrlLearner newLearner(Configuration configuration, FtrlLearner source) {
        FeatureSpec spec = configuration.spec();
        ArrayDeque<FtrlLearner> spent = spentByBits.get(spec.bits());
        if (spent != null && !spent.isEmpty()) {
            return spent.pop().recycle(spec, configuration.parameters(), source);
        }
        return source != null
                ? new FtrlLearner(spec, configuration.parameters(), source)
                : new FtrlLearner(spec, configuration.parameters());
    }

    /** Keeps a stopped shadow's learner for a later proposal of the same bits, up to K of each. */
    private void release(FtrlLearner learner) {
        ArrayDeque<FtrlLearner> spent =
                spentByBits.computeIfAbsent(learner.spec().bits(), bits -> new ArrayDeque<>());
        if (spent.size() < plan.settings().challengers()) {
            spent.push(learner);
        }
    }

    private static void writeOptional(DataOutput out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    private static String readOptional(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
