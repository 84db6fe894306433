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
 * KDD 2013, with per-coordinate learning rates. Each coordinate i keeps two numbers, {@code z[i]} and {@code n[i]}
 * (the sum of squared gradients), in dense arrays of {@link FeatureSpec#dimension()} doubles (2 × 32 MiB at 22
 * bits). Its weight is derived lazily by {@link FtrlParameters#weight(double, double)}.
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
 * <p>{@link #predict} and {@link #learn} allocate nothing once the scratch buffers have grown to the widest vector
 * seen (a refusal allocates its exception). Not thread-safe: one trainer thread owns a learner.
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
    private final double[] z;
    private final double[] n;
    private long samplesSeen;
    private double[] scratch = new double[64];
    private double[] keptZ = new double[64];
    private double[] keptN = new double[64];

    /** A fresh learner: all weights 0. */
    public FtrlLearner(FeatureSpec spec, FtrlParameters parameters) {
        this(spec, parameters, new double[spec.dimension()], new double[spec.dimension()], 0);
    }

    /** A learner resumed from dense state arrays that it takes ownership of. */
    FtrlLearner(FeatureSpec spec, FtrlParameters parameters, double[] z, double[] n, long samplesSeen) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        if (z.length != spec.dimension() || n.length != spec.dimension()) {
            throw new IllegalArgumentException("FTRL state arrays must have " + spec.dimension() + " coordinates for "
                    + spec.bits() + " bits, got " + z.length + " and " + n.length + ".");
        }
        if (samplesSeen < 0) {
            throw new IllegalArgumentException("Samples seen must be non-negative, got " + samplesSeen + ".");
        }
        this.alpha = parameters.alpha();
        this.safeZ = Math.min(Double.MAX_VALUE, (parameters.beta() / alpha + parameters.l2()) * SAFE_WEIGHT);
        this.z = z;
        this.n = n;
        this.samplesSeen = samplesSeen;
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
        double margin = 0.0;
        for (int i = 0, size = x.size(); i < size; i++) {
            int index = x.index(i);
            margin += parameters.weight(z[index], n[index]) * x.value(i);
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
            keptZ = new double[length];
            keptN = new double[length];
        }
        double[] w = scratch;
        double margin = 0.0;
        for (int i = 0; i < size; i++) {
            int index = x.index(i);
            w[i] = parameters.weight(z[index], n[index]);
            margin += w[i] * x.value(i);
        }
        double p = Logistic.probability(margin);
        double gradient = (p - label) * weight;
        if (gradient == 0.0) {
            samplesSeen++;
            return p;
        }
        for (int i = 0; i < size; i++) {
            int index = x.index(i);
            double g = gradient * x.value(i);
            double zi = z[index];
            double ni = n[index];
            double updatedN = ni + g * g;
            double sigma = (Math.sqrt(updatedN) - Math.sqrt(ni)) / alpha;
            double updatedZ = zi + (g - sigma * w[i]);
            if (!(Math.abs(updatedZ) <= safeZ && updatedN <= Double.MAX_VALUE) && !finite(updatedZ, updatedN)) {
                restore(x, i);
                throw refusal(x, i, p, updatedZ, updatedN);
            }
            keptZ[i] = zi;
            keptN[i] = ni;
            z[index] = updatedZ;
            n[index] = updatedN;
        }
        samplesSeen++;
        return p;
    }

    /** Whether a coordinate with state ({@code z}, {@code n}) has a finite z, n and weight. */
    private boolean finite(double z, double n) {
        return Double.isFinite(z) && Double.isFinite(n) && Double.isFinite(parameters.weight(z, n));
    }

    /** Writes back the pairs the first {@code entries} entries of {@code x} replaced, last first. */
    private void restore(FeatureVector x, int entries) {
        for (int i = entries - 1; i >= 0; i--) {
            int index = x.index(i);
            z[index] = keptZ[i];
            n[index] = keptN[i];
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
        return parameters.weight(z[index], n[index]);
    }

    /** The number of coordinates whose weight is not zero. */
    public int nonZeroWeights() {
        int count = 0;
        for (int i = 0; i < z.length; i++) {
            if (z[i] != 0.0 && parameters.weight(z[i], n[i]) != 0.0) {
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
        ModelProvenance provenance =
                new ModelProvenance(name, version, parentVersion, createdAt, spec, parameters, samplesSeen, offsets);
        int count = nonZeroWeights();
        int[] indices = new int[count];
        double[] values = new double[count];
        int k = 0;
        for (int i = 0; i < z.length; i++) {
            if (z[i] != 0.0) {
                double w = parameters.weight(z[i], n[i]);
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
        for (int i = 0; i < n.length; i++) {
            if (n[i] != 0.0 || z[i] != 0.0) {
                visitor.visit(i, z[i], n[i]);
            }
        }
    }

    /** The number of coordinates with state (z or n non-zero). */
    int stateSize() {
        int count = 0;
        for (int i = 0; i < n.length; i++) {
            if (n[i] != 0.0 || z[i] != 0.0) {
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
                && Arrays.equals(z, other.z)
                && Arrays.equals(n, other.n);
    }

    /** Receives one coordinate's FTRL state. */
    @FunctionalInterface
    interface StateVisitor {
        void visit(int index, double z, double n) throws IOException;
    }
}
