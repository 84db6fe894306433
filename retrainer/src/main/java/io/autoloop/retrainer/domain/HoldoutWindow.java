package io.autoloop.retrainer.domain;

import io.autoloop.learner.BinaryEnvelope;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.LogLoss;
import io.autoloop.learner.ModelFormatException;
import io.autoloop.learner.ModelSnapshot;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The latest samples of the stream, each with the probability the learner gave it before learning it and the one
 * the champion gave it: consumes (vector, label, weight, learner prediction, champion prediction) and produces the
 * paired log losses the validation gate compares, and the spread of a frozen candidate's predictions over the same
 * vectors.
 *
 * <p>Both predictions of a sample are progressive (neither model had learned the sample), so the comparison is
 * apples to apples. "Champion" here is what serves the arm the lineage's candidates would replace
 * ({@link ServedVersions}): the champion, or the challenger for the lineage serving the challenger arm. The window
 * belongs to one lineage serving that arm: a refresh of it ({@link #refresh}) scores the samples from then on with the
 * new version and keeps the others, each with the prediction of the version served when it came; another lineage or
 * arm ({@link #restart}) starts it over. Log losses are the learner's {@link LogLoss}, as its progressive validation
 * computes them. Not thread-safe.
 */
public final class HoldoutWindow {

    private final int capacity;
    private final double[] labels;
    private final double[] weights;
    private final double[] learner;
    private final double[] champion;
    private final FeatureVector[] vectors;
    private String championVersion;
    private int head;
    private int size;

    /** An empty window of the last {@code capacity} samples. */
    public HoldoutWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("A holdout window needs room for at least one sample, got " + capacity
                    + "; set retrainer.gate.holdout-samples to 1 or more.");
        }
        this.capacity = capacity;
        labels = new double[capacity];
        weights = new double[capacity];
        learner = new double[capacity];
        champion = new double[capacity];
        vectors = new FeatureVector[capacity];
    }

    /**
     * Adds one sample, evicting the oldest when full.
     *
     * @param x the hashed features (copied)
     * @param label 0 or 1
     * @param weight the sample weight
     * @param learnerPrediction the learner's probability before it learned the sample
     * @param championPrediction the champion's probability, NaN without a champion
     */
    public void add(FeatureVector x, double label, double weight, double learnerPrediction, double championPrediction) {
        if (vectors[head] == null) {
            vectors[head] = new FeatureVector(Math.max(16, x.size()));
        }
        vectors[head].copyFrom(x);
        labels[head] = label;
        weights[head] = weight;
        learner[head] = learnerPrediction;
        champion[head] = championPrediction;
        head = head + 1 == capacity ? 0 : head + 1;
        size = Math.min(size + 1, capacity);
    }

    /** Empties the window and dedicates it to {@code version} (null: no champion). */
    public void restart(String version) {
        championVersion = version;
        head = 0;
        size = 0;
    }

    /**
     * Scores the samples from now on with {@code version}, a newer version of the lineage the window was scored with,
     * and keeps the samples already in it with their predictions.
     */
    public void refresh(String version) {
        championVersion = version;
    }

    /** The champion version the newest samples were scored with, or null. */
    public String championVersion() {
        return championVersion;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /** The weighted average log losses of learner and champion over the window, and their paired difference. */
    public PairedLosses losses() {
        double totalWeight = 0.0;
        double learnerLoss = 0.0;
        double championLoss = 0.0;
        for (int i = 0; i < size; i++) {
            double w = weights[i];
            totalWeight += w;
            learnerLoss += w * LogLoss.of(learner[i], labels[i]);
            championLoss += w * LogLoss.of(champion[i], labels[i]);
        }
        if (totalWeight == 0.0) {
            return new PairedLosses(size, 0.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double meanDifference = (learnerLoss - championLoss) / totalWeight;
        double squares = 0.0;
        for (int i = 0; i < size; i++) {
            double d = LogLoss.of(learner[i], labels[i]) - LogLoss.of(champion[i], labels[i]) - meanDifference;
            squares += weights[i] * weights[i] * d * d;
        }
        return new PairedLosses(
                size,
                totalWeight,
                learnerLoss / totalWeight,
                championLoss / totalWeight,
                meanDifference,
                Math.sqrt(squares) / totalWeight);
    }

    /**
     * Scores every vector of the window with {@code model} (which must use the spec the vectors were hashed with).
     *
     * @return the standard deviation of the predictions, NaN when one of them is not finite or the window is empty
     */
    public double predictionSpread(ModelSnapshot model) {
        double mean = 0.0;
        double m2 = 0.0;
        for (int i = 0; i < size; i++) {
            double p = model.predict(vectors[i]);
            if (!Double.isFinite(p)) {
                return Double.NaN;
            }
            double delta = p - mean;
            mean += delta / (i + 1);
            m2 += delta * (p - mean);
        }
        return size == 0 ? Double.NaN : Math.sqrt(m2 / size);
    }

    /** Writes the whole window, oldest sample first, for the checkpoint. */
    void writeTo(DataOutput out) throws IOException {
        out.writeInt(capacity);
        BinaryEnvelope.writeOptionalText(out, championVersion);
        out.writeInt(size);
        int start = size < capacity ? 0 : head;
        for (int k = 0; k < size; k++) {
            int i = (start + k) % capacity;
            out.writeByte((int) labels[i]);
            out.writeDouble(weights[i]);
            out.writeDouble(learner[i]);
            out.writeDouble(champion[i]);
            FeatureVector x = vectors[i];
            out.writeInt(x.size());
            for (int j = 0; j < x.size(); j++) {
                out.writeInt(x.index(j));
                out.writeDouble(x.value(j));
            }
        }
    }

    /**
     * Reads a window written by {@link #writeTo} into a window of {@code capacity}: the newest samples are kept
     * when the capacity shrank.
     */
    static HoldoutWindow readFrom(DataInput in, int capacity) throws IOException {
        int writtenCapacity = in.readInt();
        String version = BinaryEnvelope.readOptionalText(in);
        int size = in.readInt();
        if (writtenCapacity < 1 || size < 0 || size > writtenCapacity) {
            throw new ModelFormatException("The checkpoint's holdout window (capacity " + writtenCapacity + ", size "
                    + size + ") is inconsistent.");
        }
        HoldoutWindow window = new HoldoutWindow(capacity);
        window.restart(version);
        FeatureVector x = new FeatureVector(64);
        for (int k = 0; k < size; k++) {
            double label = in.readByte();
            double weight = in.readDouble();
            double learnerPrediction = in.readDouble();
            double championPrediction = in.readDouble();
            int entries = in.readInt();
            x.clear();
            for (int j = 0; j < entries; j++) {
                x.add(in.readInt(), in.readDouble());
            }
            window.add(x, label, weight, learnerPrediction, championPrediction);
        }
        return window;
    }

    /**
     * Learner and champion average log loss (nats) over the same window samples, their difference (learner minus
     * champion) and the standard error of that paired difference.
     */
    public record PairedLosses(
            int samples,
            double weight,
            double learnerLogLoss,
            double championLogLoss,
            double difference,
            double standardError) {}
}
