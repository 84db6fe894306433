package io.autoloop.learner;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Online logistic regression trained with FTRL-Proximal: consumes hashed {@link FeatureVector}s with 0/1 labels and
 * sample weights, and produces click probabilities and immutable {@link ModelSnapshot}s.
 *
 * <p>The algorithm is Algorithm 1 of H. Brendan McMahan et al., "Ad Click Prediction: a View from the Trenches",
 * KDD 2013, with per-coordinate learning rates. Each coordinate i keeps two numbers, z and n (the sum of squared
 * gradients), side by side in one dense array of 2 × {@link FeatureSpec#dimension()} doubles (64 MiB at 22 bits), so
 * an update reads one cache line per coordinate. Its weight is derived lazily by
 * {@link FtrlParameters#weight(double, double)}.
 *
 * <p>Lifecycle:
 *
 * <ol>
 *   <li>Construct with a {@link FeatureSpec} and {@link FtrlParameters}: every z and n is 0, so every weight is 0
 *       and the first prediction is 0.5; or restore one from a {@link TrainerCheckpoint}.
 *   <li>For each sample, {@link #learn(FeatureVector, double, double)}: it first predicts with the current weights
 *       (progressive validation: the sample is scored before it is learned) and returns that prediction p, then
 *       updates every coordinate of the sample with the gradient {@code g = (p − y) · x · weight}:
 *       {@code σ = (√(n + g²) − √n) / α}, {@code z += g − σ · w}, {@code n += g²}. Each entry of the vector is
 *       updated on its own, in order, with the weight computed before the update (colliding entries are updated
 *       twice, as Vowpal Wabbit does). An update that would make any z, n or weight non-finite (a value of 1e200
 *       makes g² infinite) is refused whole with a {@link NonFiniteUpdateException}: see below.
 *   <li>Whenever a new version is due, {@link #snapshot} freezes the current weights (non-zero ones only) with
 *       their provenance; training goes on unaffected.
 *   <li>To survive a restart, write the state with {@link CheckpointCodec}, together with the consumed offsets;
 *       resuming from it and continuing gives exactly the numbers an uninterrupted run gives.
 * </ol>
 *
 * <p>Finite state: every z, n and weight stays finite, whatever the samples. {@link #learn} computes each entry's new
 * z and n and checks them, with the weight they give, before it writes them, keeping the pair it replaces; if one
 * entry's would not be finite (or the prediction is not a number), it writes the kept pairs back, last first, and
 * throws. The state, the sample count included, is then bit for bit what it was (the last-first order restores a
 * coordinate that a colliding entry updated twice), so a refused sample is as if it had never been offered. Nothing
 * else can see the state in between: the learner is not shared.
 *
 * <p>Warm start: a learner can start from a copy of another's state ({@link #FtrlLearner(FeatureSpec, FtrlParameters,
 * FtrlLearner)}), so a configuration that differs in its hyper-parameters or crosses goes on from what the other has
 * learned instead of from zero. The learner keeps the list of coordinates that have state, so a copy costs time in
 * proportion to them rather than to the dimension; {@link #recycle} goes further and hands a learner's state array, cleared
 * the same way, to a new learner, which then allocates nothing (an online search starts challengers this way).
 *
 * <p>{@link #predict} and {@link #learn} allocate nothing once the scratch buffers have grown to the widest vector
 * seen (a refusal allocates its exception); the list of coordinates with state grows, up to one int per coordinate,
 * as coordinates get state. Not thread-safe: one trainer thread owns a learner.
 */
public final class FtrlLearner {

    /**
     * A bound on |weight| far from overflow: a |z| up to {@code (β/α + λ2) · SAFE_WEIGHT} (the weight's smallest
     * denominator, whatever n is, times it) cannot give an infinite weight, so {@link #learn} only computes the weight
     * of a larger z. With β = λ2 = 0 every z but 0 is checked.
     */
    private static final double SAFE_WEIGHT = 1e300;

    private final FeatureSpec spec;
    private final FtrlParameters parameters;
    private final double alpha;
    private final double safeZ;
    private final int dimension;
    /** z of coordinate i at 2i and its n at 2i + 1: an update reads and writes one cache line per coordinate. */
    private final double[] state;

    private int[] touched;
    private int touchedCount;
    private boolean spent;
    private long samplesSeen;
    private double[] scratch = new double[64];
    private double[] roots = new double[64];
    private double[] keptZ = new double[64];
    private double[] keptN = new double[64];

    /** A fresh learner: all weights 0. */
    public FtrlLearner(FeatureSpec spec, FtrlParameters parameters) {
        this(spec, parameters, new double[2 * spec.dimension()], 0, new int[64]);
    }

    /**
     * A warm-started learner: its state, sample count included, starts as a copy of {@code source}'s, and it learns
     * with {@code parameters} from then on. The two learners share nothing afterwards.
     *
     * <p>With the source's α and β the copy is exact. With another α or β (another learning-rate schedule) each z is
     * rescaled so that its weight under the new α and β and the source's λ1 and λ2 is the source's weight: the model
     * goes on from where it was, with other step sizes (copied as it is, z would scale every weight, the bias's
     * included, by the ratio of the α). λ1 and λ2 act on z only when a weight is computed, as always in
     * FTRL-Proximal, so new values of them apply at once to the copied state, as if they had held all along.
     *
     * @param spec the spec of the new learner; it may list other crosses than the source's, but it must hash with the
     *     same bits and seed, so that every coordinate stands for the same features in both
     * @throws IllegalArgumentException if {@code spec} and the source's spec differ in bits or seed
     */
    public FtrlLearner(FeatureSpec spec, FtrlParameters parameters, FtrlLearner source) {
        this(spec, parameters);
        copyStateOf(source);
    }

    /** A learner resumed from dense state arrays, which it reads into its own. */
    FtrlLearner(FeatureSpec spec, FtrlParameters parameters, double[] z, double[] n, long samplesSeen) {
        this(spec, parameters, interleaved(spec, z, n), samplesSeen, null);
    }

    /**
     * A learner over a state array it takes ownership of (z of coordinate i at 2i, n at 2i + 1). With a
     * {@code touched} buffer, the state must be all zeros and the buffer becomes the (empty) list of coordinates with
     * state; with null, the list is found by a scan.
     */
    private FtrlLearner(FeatureSpec spec, FtrlParameters parameters, double[] state, long samplesSeen, int[] touched) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        if (samplesSeen < 0) {
            throw new IllegalArgumentException("Samples seen must be non-negative, got " + samplesSeen + ".");
        }
        this.alpha = parameters.alpha();
        this.safeZ = Math.min(Double.MAX_VALUE, (parameters.beta() / alpha + parameters.l2()) * SAFE_WEIGHT);
        this.dimension = spec.dimension();
        this.state = state;
        this.samplesSeen = samplesSeen;
        if (touched != null) {
            this.touched = touched;
        } else {
            this.touched = new int[Math.max(64, stateSize())];
            listCoordinatesWithState();
        }
    }

    /** z and n side by side in one array, as the learner keeps them. */
    private static double[] interleaved(FeatureSpec spec, double[] z, double[] n) {
        if (z.length != spec.dimension() || n.length != spec.dimension()) {
            throw new IllegalArgumentException("FTRL state arrays must have " + spec.dimension() + " coordinates for "
                    + spec.bits() + " bits, got " + z.length + " and " + n.length + ".");
        }
        double[] state = new double[2 * z.length];
        for (int i = 0; i < z.length; i++) {
            state[2 * i] = z[i];
            state[2 * i + 1] = n[i];
        }
        return state;
    }

    /**
     * Hands this learner's state array to a new learner of {@code spec} and {@code parameters} whose state is a copy of
     * {@code source}'s (a warm start, as {@link #FtrlLearner(FeatureSpec, FtrlParameters, FtrlLearner)} makes), or all
     * zeros when {@code source} is null. Clearing and copying touch only the coordinates with state in the two
     * learners, so the cost does not grow with the dimension, and nothing is allocated. This learner is spent: any
     * later call on it throws an {@link IllegalStateException}.
     *
     * @param spec the spec of the new learner, with this learner's bits (and the source's bits and seed)
     * @throws IllegalArgumentException if the bits differ from this learner's, or the bits or seed from the source's
     */
    public FtrlLearner recycle(FeatureSpec spec, FtrlParameters parameters, FtrlLearner source) {
        requireLive();
        if (spec.bits() != this.spec.bits()) {
            throw new IllegalArgumentException("A learner of " + this.spec.bits()
                    + " bits cannot be recycled into one of " + spec.bits() + " bits; its state holds "
                    + this.spec.dimension() + " coordinates.");
        }
        for (int i = 0; i < touchedCount; i++) {
            state[2 * touched[i]] = 0.0;
            state[2 * touched[i] + 1] = 0.0;
        }
        spent = true;
        FtrlLearner recycled = new FtrlLearner(spec, parameters, state, 0, touched);
        if (source != null) {
            recycled.copyStateOf(source);
        }
        return recycled;
    }

    /** Makes this learner's state, which is all zeros, a copy of {@code source}'s. */
    private void copyStateOf(FtrlLearner source) {
        source.requireLive();
        if (source.spec.bits() != spec.bits() || source.spec.hashSeed() != spec.hashSeed()) {
            throw new IllegalArgumentException("A learner can only start from the state of one that hashes the same"
                    + " way: this one has " + spec.bits() + " bits and seed " + spec.hashSeed() + ", the source "
                    + source.spec.bits() + " bits and seed " + source.spec.hashSeed() + ".");
        }
        if (touched.length < source.touchedCount) {
            touched = new int[source.touched.length];
        }
        FtrlParameters from = source.parameters;
        boolean sameSchedule = from.alpha() == parameters.alpha() && from.beta() == parameters.beta();
        for (int i = 0; i < source.touchedCount; i++) {
            int index = source.touched[i];
            double zi = source.state[2 * index];
            double ni = source.state[2 * index + 1];
            state[2 * index] = sameSchedule ? zi : rescaled(zi, ni, from);
            state[2 * index + 1] = ni;
            touched[i] = index;
        }
        touchedCount = source.touchedCount;
        samplesSeen = source.samplesSeen;
    }

    /**
     * The z that gives, under this learner's α and β and the λ1 and λ2 of {@code from}, the weight that {@code z} gives
     * under {@code from}; {@code z} itself when its weight is 0 or the rescaled value would not be finite.
     */
    private double rescaled(double z, double n, FtrlParameters from) {
        if (Math.abs(z) <= from.l1()) {
            return z;
        }
        double root = Math.sqrt(n);
        double before = (from.beta() + root) / from.alpha() + from.l2();
        double after = (parameters.beta() + root) / parameters.alpha() + from.l2();
        double threshold = Math.copySign(from.l1(), z);
        double rescaled = threshold + (z - threshold) * (after / before);
        return Double.isFinite(rescaled) ? rescaled : z;
    }

    private void requireLive() {
        if (spent) {
            throw new IllegalStateException(
                    "This learner handed its state to another through recycle(...); use that learner instead.");
        }
    }

    public FeatureSpec spec() {
        return spec;
    }

    public FtrlParameters parameters() {
        return parameters;
    }

    /** The number of samples learned so far, zero-weight ones included. */
    public long samplesSeen() {
        return samplesSeen;
    }

    /** The click probability for {@code x} under the current weights; changes nothing. */
    public double predict(FeatureVector x) {
        requireLive();
        double margin = 0.0;
        for (int i = 0, size = x.size(); i < size; i++) {
            int index = x.index(i);
            margin += parameters.weight(state[2 * index], state[2 * index + 1]) * x.value(i);
        }
        return Logistic.probability(margin);
    }

    /** Learns one sample of weight 1; see {@link #learn(FeatureVector, double, double)}. */
    public double learn(FeatureVector x, double label) {
        return learn(x, label, 1.0);
    }

    /**
     * Predicts {@code x}, then learns it: returns the probability predicted before the update (the progressive
     * validation prediction).
     *
     * @param x the hashed features, bias included
     * @param label the observed outcome, 0 or 1
     * @param weight the sample weight, finite and non-negative; it multiplies the gradient, and 0 learns nothing
     * @throws NonFiniteUpdateException when learning {@code x} would make a z, an n or a weight non-finite, or its
     *     prediction is not a number; the learner is then unchanged and the sample not counted
     */
    public double learn(FeatureVector x, double label, double weight) {
        requireLive();
        if (label != 0.0 && label != 1.0) {
            throw new IllegalArgumentException("A training label must be 0 or 1, got " + label + ".");
        }
        if (!(weight >= 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("A sample weight must be finite and non-negative, got " + weight + ".");
        }
        int size = x.size();
        if (scratch.length < size) {
            int length = Math.max(size, scratch.length * 2);
            scratch = new double[length];
            roots = new double[length];
            keptZ = new double[length];
            keptN = new double[length];
        }
        double[] w = scratch;
        double margin = 0.0;
        for (int i = 0; i < size; i++) {
            int index = x.index(i);
            double ni = state[2 * index + 1];
            double root = Math.sqrt(ni);
            keptN[i] = ni;
            roots[i] = root;
            w[i] = parameters.weightFromRoot(state[2 * index], root);
            margin += w[i] * x.value(i);
        }
        double p = Logistic.probability(margin);
        double gradient = (p - label) * weight;
        if (gradient == 0.0) {
            samplesSeen++;
            return p;
        }
        int touchedBefore = touchedCount;
        for (int i = 0; i < size; i++) {
            int index = x.index(i);
            double g = gradient * x.value(i);
            double zi = state[2 * index];
            double ni = state[2 * index + 1];
            double updatedN = ni + g * g;
            // √n from the first loop, unless a colliding entry before this one changed n since
            double root = ni == keptN[i] ? roots[i] : Math.sqrt(ni);
            double sigma = (Math.sqrt(updatedN) - root) / alpha;
            double updatedZ = zi + (g - sigma * w[i]);
            if (!(Math.abs(updatedZ) <= safeZ && updatedN <= Double.MAX_VALUE) && !finite(updatedZ, updatedN)) {
                restore(x, i);
                touchedCount = touchedBefore;
                throw refusal(x, i, p, updatedZ, updatedN);
            }
            if (zi == 0.0 && ni == 0.0 && (updatedZ != 0.0 || updatedN != 0.0)) {
                touch(index);
            }
            keptZ[i] = zi;
            keptN[i] = ni;
            state[2 * index] = updatedZ;
            state[2 * index + 1] = updatedN;
        }
        samplesSeen++;
        return p;
    }

    /** Adds {@code index}, which has no state yet, to the list of coordinates with state. */
    private void touch(int index) {
        if (touchedCount == touched.length) {
            if (touched.length == dimension) {
                // Only a coordinate whose state went back to exactly zero can be listed twice: list them afresh.
                listCoordinatesWithState();
            } else {
                touched = Arrays.copyOf(touched, Math.min(touched.length * 2, dimension));
            }
        }
        touched[touchedCount++] = index;
    }

    /** Lists the coordinates with state (z or n non-zero) in {@code touched}, by a scan of the state. */
    private void listCoordinatesWithState() {
        touchedCount = 0;
        for (int i = 0; i < dimension; i++) {
            if (state[2 * i + 1] != 0.0 || state[2 * i] != 0.0) {
                touched[touchedCount++] = i;
            }
        }
    }

    /** Whether a coordinate with state ({@code z}, {@code n}) has a finite z, n and weight. */
    private boolean finite(double z, double n) {
        return Double.isFinite(z) && Double.isFinite(n) && Double.isFinite(parameters.weight(z, n));
    }

    /** Writes back the pairs the first {@code entries} entries of {@code x} replaced, last first. */
    private void restore(FeatureVector x, int entries) {
        for (int i = entries - 1; i >= 0; i--) {
            int index = x.index(i);
            state[2 * index] = keptZ[i];
            state[2 * index + 1] = keptN[i];
        }
    }

    /** The refusal of {@code x}, whose entry {@code entry} would have got state ({@code newZ}, {@code newN}). */
    private NonFiniteUpdateException refusal(FeatureVector x, int entry, double p, double newZ, double newN) {
        if (Double.isNaN(p)) {
            int largest = 0;
            for (int i = 1; i < x.size(); i++) {
                if (!(Math.abs(x.value(i)) <= Math.abs(x.value(largest)))) {
                    largest = i;
                }
            }
            return new NonFiniteUpdateException(
                    x.index(largest),
                    x.value(largest),
                    "The prediction for this sample is not a number (its margin overflowed; the largest value is "
                            + x.value(largest) + ", at coordinate " + x.index(largest)
                            + "); the sample was refused and the learner is unchanged.");
        }
        int coordinate = x.index(entry);
        double value = x.value(entry);
        return new NonFiniteUpdateException(
                coordinate,
                value,
                "Learning this sample would make the state of coordinate " + coordinate + " non-finite: its value "
                        + value + " would give it z = " + newZ + ", n = " + newN + " and the weight "
                        + parameters.weight(newZ, newN) + "; the update was refused and the learner is unchanged.");
    }

    /** The current weight of coordinate {@code index}. */
    public double weight(int index) {
        return parameters.weight(state[2 * index], state[2 * index + 1]);
    }

    /** The number of coordinates whose weight is not zero. */
    public int nonZeroWeights() {
        int count = 0;
        for (int i = 0; i < dimension; i++) {
            if (state[2 * i] != 0.0 && parameters.weight(state[2 * i], state[2 * i + 1]) != 0.0) {
                count++;
            }
        }
        return count;
    }

    /**
     * Freezes the current weights into an immutable snapshot; the learner goes on training unaffected.
     *
     * @param name the model name, for example {@code ctr}
     * @param version this version, for example {@code 1.4.0}
     * @param parentVersion the version this one was trained on from, or null for the first
     * @param offsets the next offset to consume per Kafka partition (for example {@code training.samples-0}) once
     *     the samples seen so far are learned
     * @param createdAt the creation time
     */
    public ModelSnapshot snapshot(
            String name, String version, String parentVersion, Map<String, Long> offsets, Instant createdAt) {
        requireLive();
        ModelProvenance provenance =
                new ModelProvenance(name, version, parentVersion, createdAt, spec, parameters, samplesSeen, offsets);
        int count = nonZeroWeights();
        int[] indices = new int[count];
        double[] values = new double[count];
        int k = 0;
        for (int i = 0; i < dimension; i++) {
            if (state[2 * i] != 0.0) {
                double w = parameters.weight(state[2 * i], state[2 * i + 1]);
                if (w != 0.0) {
                    indices[k] = i;
                    values[k] = w;
                    k++;
                }
            }
        }
        return new ModelSnapshot(provenance, new WeightTable(indices, values));
    }

    /** Calls {@code visitor} for every coordinate with state (z or n non-zero), in ascending order. */
    void forEachState(StateVisitor visitor) throws IOException {
        requireLive();
        for (int i = 0; i < dimension; i++) {
            if (state[2 * i + 1] != 0.0 || state[2 * i] != 0.0) {
                visitor.visit(i, state[2 * i], state[2 * i + 1]);
            }
        }
    }

    /** The number of coordinates with state (z or n non-zero). */
    int stateSize() {
        int count = 0;
        for (int i = 0; i < dimension; i++) {
            if (state[2 * i + 1] != 0.0 || state[2 * i] != 0.0) {
                count++;
            }
        }
        return count;
    }

    /** Whether {@code other} has the same spec, parameters, sample count and state, bit for bit. */
    boolean sameStateAs(FtrlLearner other) {
        return spec.equals(other.spec)
                && parameters.equals(other.parameters)
                && samplesSeen == other.samplesSeen
                && Arrays.equals(state, other.state);
    }

    /** Receives one coordinate's FTRL state. */
    @FunctionalInterface
    interface StateVisitor {
        void visit(int index, double z, double n) throws IOException;
    }
}
