package io.autoloop.learner.search;

import io.autoloop.learner.LogLoss;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A one-pass online search over learner configurations, in the manner of ChaCha (Wu et al., "ChaCha for Online
 * AutoML", ICML 2021) and Vowpal Wabbit's {@code --automl}: consumes, for every example, the progressive prediction of
 * the champion and of each live challenger with the label, and produces {@link SearchEvent}s: challengers proposed,
 * retired and graduated. It owns no learner: its driver ({@link SearchTrainer}, or the retrainer with its lineages)
 * trains one per {@link Candidate} and tells it what each predicted.
 *
 * <p>Lifecycle:
 *
 * <ol>
 *   <li>Construct with a start configuration (the first champion), a {@link SearchSpace} and {@link SearchSettings}:
 *       K challengers are proposed around the champion at once ({@link #drainEvents()} returns them).
 *   <li>For every example: for each slot i of {@link #live()} (the champion in slot 0) where {@link #takesPart(int)},
 *       let that candidate's learner predict the example; only then let them learn it (a challenger with weight ×
 *       {@link #importance()}); then {@link #observe} the predictions, label and weight. No learner may learn an
 *       example before every prediction of it is made: that is progressive validation, and it keeps the paired
 *       comparison free of peeking. Learners that share no state may do both in one call, as
 *       {@link io.autoloop.learner.FtrlLearner#learn} does: its prediction comes before its own update, and no other
 *       learner's update reaches it.
 *   <li>After {@link #observe}, {@link #drainEvents()}: a {@link SearchEvent.Proposed} asks for a new learner (a copy
 *       of the champion's when it says warm start), a {@link SearchEvent.Retired} lets one go, a
 *       {@link SearchEvent.Graduated} says the champion changed (the previous one's learner goes too). {@link #live()}
 *       is then as the events left it.
 * </ol>
 *
 * <p>Decisions, after every example, on each challenger's {@link Comparison} with the champion over the last
 * {@code window} examples both predicted (see {@link PairedWindow} for the bound): once it has {@code minExamples}
 * paired examples, a challenger whose upper bound is below −margin × the champion's mean loss <b>graduates</b> (the
 * lowest upper bound wins if several do), and one whose lower bound is above 0 is <b>retired</b> as worse; a
 * challenger that has observed {@code lease} examples without graduating is retired too. Each retirement or
 * graduation is followed by proposals that bring the challengers back to K. When the champion changes, every
 * challenger's comparison is computed again against the new champion from the predictions both recorded.
 *
 * <p>Work: with K above the shadow budget, each challenger takes part in an example with probability budget / K
 * (drawn before the example), so on average {@code budget} challengers learn each example; a challenger learns its
 * share with weight K / budget, so its gradients sum, in expectation, to what learning every example would give.
 *
 * <p>Memory: three rings of {@code window} doubles per live candidate (predictions, differences, variances) and
 * three for the search (labels, weights, the champion's losses). Deterministic given the settings' seed; between two
 * examples {@link #writeTo} saves all of it (the generators' positions included) and {@link #readFrom} restores it,
 * so a restored search goes on exactly as the saved one would have. Not thread-safe: one training thread drives it.
 */
public final class OnlineSearch {

    private final SearchSpace space;
    private final SearchSettings settings;
    private final Proposer proposer;
    private final SearchRandom participation;
    private final double share;
    private final List<Live> live = new ArrayList<>();
    private final List<SearchEvent> events = new ArrayList<>();
    private final Set<Configuration> retiredUnderChampion = new LinkedHashSet<>();
    private final boolean[] takesPart;
    private final double[] labels;
    private final double[] weights;
    private final double[] championLosses;
    private List<Candidate> candidates = List.of();
    private int nextId;
    private long examples;

    /**
     * A search that starts with {@code start} as its champion.
     *
     * @throws IllegalArgumentException if {@code start} lies outside {@code space}, or the space leaves nothing to vary
     *     while challengers are asked for
     */
    public OnlineSearch(Configuration start, SearchSpace space, SearchSettings settings) {
        this(space, settings);
        Objects.requireNonNull(start, "start");
        space.requireContains(start);
        if (settings.challengers() > 0 && !space.varies()) {
            throw new IllegalArgumentException("The search space leaves nothing to vary (no range with two values,"
                    + " one hash-bits value, fewer than two namespaces to cross), so no challenger can differ from the"
                    + " champion; widen the space or ask for 0 challengers.");
        }
        live.add(new Live(new Candidate(nextId++, start, 0), settings.window()));
        propose();
        candidatesChanged();
        drawParticipation();
    }

    /** A search with no candidate yet, its generators at the start of the seed's sequences. */
    private OnlineSearch(SearchSpace space, SearchSettings settings) {
        this.space = Objects.requireNonNull(space, "space");
        this.settings = Objects.requireNonNull(settings, "settings");
        Random seeds = new Random(settings.seed());
        this.proposer = new Proposer(space, settings.step(), new SearchRandom(seeds.nextLong()));
        this.participation = new SearchRandom(seeds.nextLong());
        this.share = settings.share();
        this.takesPart = new boolean[settings.challengers() + 1];
        this.labels = new double[settings.window()];
        this.weights = new double[settings.window()];
        this.championLosses = new double[settings.window()];
        Arrays.fill(championLosses, Double.NaN);
    }

    /**
     * Writes the whole state of the search between two examples, so that {@link #readFrom} gives a search that goes on
     * exactly as this one would: the examples observed, the next id, the generators' positions and the proposer's
     * direction, who takes part in the next example, the window's labels, weights and champion losses, the
     * configurations retired under this champion, and every live candidate with its recorded predictions, differences,
     * variances and running sums. Its learners are not part of it: the driver saves them.
     *
     * @throws IllegalStateException if events are waiting: drain them first
     */
    public void writeTo(DataOutput out) throws IOException {
        if (!events.isEmpty()) {
            throw new IllegalStateException("The search has " + events.size()
                    + " events its driver has not drained; save it after drainEvents().");
        }
        out.writeInt(settings.window());
        out.writeInt(settings.challengers());
        out.writeLong(examples);
        out.writeInt(nextId);
        proposer.writeTo(out);
        participation.writeTo(out);
        for (boolean part : takesPart) {
            out.writeBoolean(part);
        }
        writeDoubles(out, labels);
        writeDoubles(out, weights);
        writeDoubles(out, championLosses);
        out.writeInt(retiredUnderChampion.size());
        for (Configuration configuration : retiredUnderChampion) {
            configuration.writeTo(out);
        }
        out.writeInt(live.size());
        for (Live candidate : live) {
            out.writeInt(candidate.candidate.id());
            candidate.candidate.configuration().writeTo(out);
            out.writeLong(candidate.candidate.since());
            writeDoubles(out, candidate.predictions);
            writeDoubles(out, candidate.differences);
            writeDoubles(out, candidate.variances);
            candidate.paired.writeTo(out);
        }
    }

    /**
     * The search {@link #writeTo} saved, going on with {@code space} and {@code settings}, which must be those it ran
     * with (the caller checks; the window and the number of challengers are checked here).
     *
     * @throws IllegalArgumentException if the saved state does not fit the settings or holds an impossible value
     * @throws IOException if the input ends early
     */
    public static OnlineSearch readFrom(DataInput in, SearchSpace space, SearchSettings settings) throws IOException {
        OnlineSearch search = new OnlineSearch(space, settings);
        int window = in.readInt();
        int challengers = in.readInt();
        if (window != settings.window() || challengers != settings.challengers()) {
            throw new IllegalArgumentException("The saved search ran with a window of " + window + " and " + challengers
                    + " challengers, not " + settings.window() + " and " + settings.challengers() + ".");
        }
        search.examples = in.readLong();
        search.nextId = in.readInt();
        search.proposer.readFrom(in);
        search.participation.readFrom(in);
        for (int i = 0; i < search.takesPart.length; i++) {
            search.takesPart[i] = in.readBoolean();
        }
        readDoubles(in, search.labels);
        readDoubles(in, search.weights);
        readDoubles(in, search.championLosses);
        int retired = in.readInt();
        requireCount(retired, Integer.MAX_VALUE, "retired configurations");
        for (int i = 0; i < retired; i++) {
            search.retiredUnderChampion.add(Configuration.readFrom(in));
        }
        int size = in.readInt();
        requireCount(size, challengers + 1, "live candidates");
        if (size == 0) {
            throw new IllegalArgumentException("The saved search has no champion.");
        }
        for (int i = 0; i < size; i++) {
            Candidate candidate = new Candidate(in.readInt(), Configuration.readFrom(in), in.readLong());
            Live restored = new Live(candidate, window);
            readDoubles(in, restored.predictions);
            readDoubles(in, restored.differences);
            readDoubles(in, restored.variances);
            restored.paired.readFrom(in);
            search.live.add(restored);
        }
        search.candidatesChanged();
        return search;
    }

    private static void requireCount(int count, int most, String what) {
        if (count < 0 || count > most) {
            throw new IllegalArgumentException("The saved search declares " + count + " " + what + ".");
        }
    }

    private static void writeDoubles(DataOutput out, double[] values) throws IOException {
        for (double value : values) {
            out.writeDouble(value);
        }
    }

    private static void readDoubles(DataInput in, double[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
    }

    /** The live candidates, the champion first; unmodifiable, and unchanged until the next {@link #observe}. */
    public List<Candidate> live() {
        return candidates;
    }

    /** The champion: the candidate whose predictions are served. */
    public Candidate champion() {
        return candidates.get(0);
    }

    /** Whether the candidate in slot {@code slot} of {@link #live()} predicts and learns the next example. */
    public boolean takesPart(int slot) {
        return takesPart[slot];
    }

    /** The factor a challenger's learning weight is multiplied by: K / budget when challengers sample, else 1. */
    public double importance() {
        return 1.0 / share;
    }

    /** The number of examples observed. */
    public long examples() {
        return examples;
    }

    /** The space searched. */
    public SearchSpace space() {
        return space;
    }

    /** The settings the search runs with. */
    public SearchSettings settings() {
        return settings;
    }

    /**
     * Records one example: the predictions made by the live candidates before any of them learned it, its label and
     * its weight; then decides (see the class comment).
     *
     * @param predictions the probability each slot of {@link #live()} predicted, NaN for a slot that did not take part
     *     (a challenger whose learner refused the example may be given NaN too); the champion's must be there
     * @param label 0 or 1
     * @param weight the example's weight, finite and non-negative
     * @throws IllegalArgumentException if there are fewer predictions than live candidates, the champion's is
     *     missing, or the label or weight is invalid
     */
    public void observe(double[] predictions, double label, double weight) {
        if (predictions.length < live.size()) {
            throw new IllegalArgumentException("The search has " + live.size() + " live candidates but was given "
                    + predictions.length + " predictions.");
        }
        if (!(predictions[0] >= 0.0 && predictions[0] <= 1.0)) {
            throw new IllegalArgumentException(
                    "The champion's prediction must be a probability, got " + predictions[0] + ".");
        }
        if (label != 0.0 && label != 1.0) {
            throw new IllegalArgumentException("A label must be 0 or 1, got " + label + ".");
        }
        if (!(weight >= 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException(
                    "An example's weight must be finite and non-negative, got " + weight + ".");
        }
        int slot = (int) (examples % settings.window());
        Live champion = live.get(0);
        double championLeaving = championLosses[slot];
        double p0 = predictions[0];
        double championLoss = weight * LogLoss.of(p0, label);
        double championOther = weight * LogLoss.of(p0, 1.0 - label);
        double spread = p0 * (1.0 - p0);
        for (int i = 1; i < live.size(); i++) {
            Live challenger = live.get(i);
            if (!Double.isNaN(challenger.differences[slot]) && !Double.isNaN(championLeaving)) {
                challenger.paired.remove(championLeaving, challenger.differences[slot], challenger.variances[slot]);
            }
            double p = predictions[i];
            if (takesPart[i] && p >= 0.0 && p <= 1.0) {
                double difference = weight * LogLoss.of(p, label) - championLoss;
                double otherDifference = weight * LogLoss.of(p, 1.0 - label) - championOther;
                double swing = difference - otherDifference;
                double variance = spread * swing * swing;
                challenger.record(slot, p, difference, variance);
                challenger.paired.add(championLoss, difference, variance);
            } else {
                challenger.record(slot, Double.NaN, Double.NaN, Double.NaN);
            }
        }
        champion.record(slot, p0, Double.NaN, Double.NaN);
        labels[slot] = label;
        weights[slot] = weight;
        championLosses[slot] = championLoss;
        examples++;
        if (examples % settings.window() == 0) {
            resum();
        }
        decide();
        drawParticipation();
    }

    /** The events since the last call, oldest first; empty (and not allocated) when there are none. */
    public List<SearchEvent> drainEvents() {
        if (events.isEmpty()) {
            return List.of();
        }
        List<SearchEvent> drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    /** The current comparison of the challenger in slot {@code slot} (1 or more) of {@link #live()}. */
    public Comparison comparison(int slot) {
        if (slot < 1 || slot >= live.size()) {
            throw new IllegalArgumentException(
                    "Slot " + slot + " holds no challenger; challengers are in slots 1 to " + (live.size() - 1) + ".");
        }
        return live.get(slot).paired.compare(settings.standardErrors());
    }

    private void decide() {
        boolean changed = false;
        Live best = null;
        double bestUpper = Double.POSITIVE_INFINITY;
        double z = settings.standardErrors();
        for (int i = live.size() - 1; i >= 1; i--) {
            Live challenger = live.get(i);
            PairedWindow paired = challenger.paired;
            boolean decidable = paired.count() >= settings.minExamples();
            double mean = decidable ? paired.meanDifference() : Double.NaN;
            double halfWidth = decidable ? paired.halfWidth(z) : Double.NaN;
            if (decidable && mean + halfWidth < -settings.margin() * paired.championLoss()) {
                if (mean + halfWidth < bestUpper) {
                    best = challenger;
                    bestUpper = mean + halfWidth;
                }
            } else if (decidable && mean - halfWidth > 0.0) {
                retire(i, SearchEvent.Reason.WORSE);
                changed = true;
            } else if (examples - challenger.candidate.since() >= settings.lease()) {
                retire(i, SearchEvent.Reason.LEASE_EXPIRED);
                changed = true;
            }
        }
        if (best != null) {
            Comparison comparison = best.paired.compare(z);
            Live previous = live.remove(0);
            live.remove(best);
            live.add(0, best);
            events.add(new SearchEvent.Graduated(examples, best.candidate, previous.candidate, comparison));
            retiredUnderChampion.clear();
            compareWithNewChampion();
            changed = true;
        }
        if (changed) {
            propose();
            candidatesChanged();
        }
    }

    private void retire(int slot, SearchEvent.Reason reason) {
        Live challenger = live.remove(slot);
        retiredUnderChampion.add(challenger.candidate.configuration());
        events.add(new SearchEvent.Retired(
                examples, challenger.candidate, reason, challenger.paired.compare(settings.standardErrors())));
    }

    /** Brings the challengers back to K, as far as the proposer finds new configurations. */
    private void propose() {
        Live champion = live.get(0);
        Configuration centre = champion.candidate.configuration();
        while (live.size() <= settings.challengers()) {
            Set<Configuration> avoid = new HashSet<>(retiredUnderChampion);
            live.forEach(candidate -> avoid.add(candidate.candidate.configuration()));
            Optional<Configuration> proposal = proposer.propose(centre, avoid);
            if (proposal.isEmpty()) {
                return;
            }
            Candidate candidate = new Candidate(nextId++, proposal.get(), examples);
            live.add(new Live(candidate, settings.window()));
            events.add(new SearchEvent.Proposed(
                    examples, candidate, champion.candidate.id(), proposal.get().hashesLike(centre)));
        }
    }

    /**
     * Every challenger's paired differences against a new champion, from the predictions both recorded; and the
     * champion's losses, from its own.
     */
    private void compareWithNewChampion() {
        double[] championPredictions = live.get(0).predictions;
        for (int slot = 0; slot < championPredictions.length; slot++) {
            double p0 = championPredictions[slot];
            championLosses[slot] = Double.isNaN(p0) ? Double.NaN : weights[slot] * LogLoss.of(p0, labels[slot]);
        }
        for (int i = 1; i < live.size(); i++) {
            Live challenger = live.get(i);
            for (int slot = 0; slot < championPredictions.length; slot++) {
                double p0 = championPredictions[slot];
                double p = challenger.predictions[slot];
                if (Double.isNaN(p0) || Double.isNaN(p)) {
                    challenger.differences[slot] = Double.NaN;
                    challenger.variances[slot] = Double.NaN;
                } else {
                    double label = labels[slot];
                    double weight = weights[slot];
                    double difference = weight * (LogLoss.of(p, label) - LogLoss.of(p0, label));
                    double otherDifference = weight * (LogLoss.of(p, 1.0 - label) - LogLoss.of(p0, 1.0 - label));
                    double swing = difference - otherDifference;
                    challenger.differences[slot] = difference;
                    challenger.variances[slot] = p0 * (1.0 - p0) * swing * swing;
                }
            }
        }
        resum();
    }

    /** Every challenger's sums, exactly, from the values recorded in the window (running sums drift). */
    private void resum() {
        for (int i = 1; i < live.size(); i++) {
            Live challenger = live.get(i);
            challenger.paired.clear();
            for (int slot = 0; slot < championLosses.length; slot++) {
                if (!Double.isNaN(challenger.differences[slot]) && !Double.isNaN(championLosses[slot])) {
                    challenger.paired.add(
                            championLosses[slot], challenger.differences[slot], challenger.variances[slot]);
                }
            }
        }
    }

    private void candidatesChanged() {
        List<Candidate> list = new ArrayList<>(live.size());
        live.forEach(candidate -> list.add(candidate.candidate));
        candidates = Collections.unmodifiableList(list);
    }

    private void drawParticipation() {
        takesPart[0] = true;
        for (int i = 1; i < takesPart.length; i++) {
            takesPart[i] = i < live.size() && (share >= 1.0 || participation.nextDouble() < share);
        }
    }

    /**
     * A live candidate with what it recorded in the window: its predictions and, as a challenger, its paired
     * differences with the champion and the variances the champion expected of them, with their running sums.
     */
    private static final class Live {

        private final Candidate candidate;
        private final double[] predictions;
        private final double[] differences;
        private final double[] variances;
        private final PairedWindow paired = new PairedWindow();

        private Live(Candidate candidate, int window) {
            this.candidate = candidate;
            this.predictions = new double[window];
            this.differences = new double[window];
            this.variances = new double[window];
            Arrays.fill(predictions, Double.NaN);
            Arrays.fill(differences, Double.NaN);
            Arrays.fill(variances, Double.NaN);
        }

        private void record(int slot, double prediction, double difference, double variance) {
            predictions[slot] = prediction;
            differences[slot] = difference;
            variances[slot] = variance;
        }
    }
}
