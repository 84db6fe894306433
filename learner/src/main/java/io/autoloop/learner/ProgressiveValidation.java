package io.autoloop.learner;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Progressive validation of one training job: consumes each sample's prediction (made before the sample was
 * learned), label and weight, and produces the streaming weighted average log loss, an exact AUC over a sliding
 * window of the latest predictions, and calibration sums overall and per tenth of probability.
 *
 * <p>Log loss is {@link LogLoss}, which clips probabilities to {@code [1e-15, 1 − 1e-15]}. The AUC window is a ring
 * buffer of the last {@code window} predictions; {@link #auc()} sorts a copy of it on demand, counts a tied
 * positive/negative pair as one half, and weights each pair by the product of the two sample weights.
 * {@link #record} allocates nothing. Not thread-safe.
 */
public final class ProgressiveValidation {

    /** The default AUC window: the last 10,000 predictions. */
    public static final int DEFAULT_WINDOW = 10_000;

    /** The number of calibration buckets, each 0.1 wide. */
    public static final int BUCKETS = 10;

    private final int window;
    private long samples;
    private double weight;
    private double lossSum;
    private double predictedSum;
    private double observedSum;
    private final double[] bucketWeight = new double[BUCKETS];
    private final double[] bucketPredicted = new double[BUCKETS];
    private final double[] bucketObserved = new double[BUCKETS];
    private final double[] windowScores;
    private final double[] windowLabels;
    private final double[] windowWeights;
    private int head;
    private int filled;

    /** Validation with an AUC window of {@value #DEFAULT_WINDOW} predictions. */
    public ProgressiveValidation() {
        this(DEFAULT_WINDOW);
    }

    /** Validation with an AUC window of the last {@code window} predictions. */
    public ProgressiveValidation(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("The AUC window must hold at least one prediction, got " + window + ".");
        }
        this.window = window;
        windowScores = new double[window];
        windowLabels = new double[window];
        windowWeights = new double[window];
    }

    /**
     * Records one progressive prediction.
     *
     * @param predicted the probability predicted before the sample was learned, in [0, 1]
     * @param label the observed outcome, 0 or 1
     * @param sampleWeight the sample weight, finite and non-negative
     */
    public void record(double predicted, double label, double sampleWeight) {
        if (!(predicted >= 0.0 && predicted <= 1.0)) {
            throw new IllegalArgumentException("A predicted probability must lie in [0, 1], got " + predicted + ".");
        }
        if (label != 0.0 && label != 1.0) {
            throw new IllegalArgumentException("A label must be 0 or 1, got " + label + ".");
        }
        if (!(sampleWeight >= 0) || !Double.isFinite(sampleWeight)) {
            throw new IllegalArgumentException(
                    "A sample weight must be finite and non-negative, got " + sampleWeight + ".");
        }
        samples++;
        weight += sampleWeight;
        lossSum += sampleWeight * LogLoss.of(predicted, label);
        predictedSum += sampleWeight * predicted;
        observedSum += sampleWeight * label;
        int bucket = Math.min((int) (predicted * BUCKETS), BUCKETS - 1);
        bucketWeight[bucket] += sampleWeight;
        bucketPredicted[bucket] += sampleWeight * predicted;
        bucketObserved[bucket] += sampleWeight * label;
        windowScores[head] = predicted;
        windowLabels[head] = label;
        windowWeights[head] = sampleWeight;
        head = head + 1 == window ? 0 : head + 1;
        filled = Math.min(filled + 1, window);
    }

    /** The number of samples recorded. */
    public long samples() {
        return samples;
    }

    /** The capacity of the AUC window. */
    public int window() {
        return window;
    }

    /** The weighted average log loss in nats; NaN before any weight. */
    public double averageLogLoss() {
        return weight == 0.0 ? Double.NaN : lossSum / weight;
    }

    /**
     * The exact weighted AUC of the predictions in the window: the probability that a random positive outranks a
     * random negative, ties counting one half; NaN while the window lacks a weighted positive or negative.
     * Allocates and sorts a copy of the window.
     */
    public double auc() {
        Integer[] order = IntStream.range(0, filled).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> windowScores[i]));
        double negativesBelow = 0.0;
        double positives = 0.0;
        double area = 0.0;
        int start = 0;
        while (start < filled) {
            int end = start;
            double tiedPositives = 0.0;
            double tiedNegatives = 0.0;
            double score = windowScores[order[start]];
            while (end < filled && windowScores[order[end]] == score) {
                int i = order[end];
                if (windowLabels[i] == 1.0) {
                    tiedPositives += windowWeights[i];
                } else {
                    tiedNegatives += windowWeights[i];
                }
                end++;
            }
            area += tiedPositives * (negativesBelow + 0.5 * tiedNegatives);
            negativesBelow += tiedNegatives;
            positives += tiedPositives;
            start = end;
        }
        double pairs = positives * negativesBelow;
        return pairs == 0.0 ? Double.NaN : area / pairs;
    }

    /** Weighted predicted against observed clicks, overall and per bucket. */
    public Calibration calibration() {
        List<Calibration.Bucket> buckets = new ArrayList<>(BUCKETS);
        for (int b = 0; b < BUCKETS; b++) {
            buckets.add(new Calibration.Bucket(
                    b / (double) BUCKETS,
                    (b + 1) / (double) BUCKETS,
                    bucketWeight[b],
                    bucketPredicted[b],
                    bucketObserved[b]));
        }
        return new Calibration(predictedSum, observedSum, buckets);
    }

    /** Everything above at once. */
    public ValidationMetrics metrics() {
        return new ValidationMetrics(samples, weight, averageLogLoss(), auc(), filled, calibration());
    }

    /** Writes the complete state, window included, for {@link CheckpointCodec}. */
    void writeTo(DataOutput out) throws IOException {
        out.writeInt(window);
        out.writeLong(samples);
        out.writeDouble(weight);
        out.writeDouble(lossSum);
        out.writeDouble(predictedSum);
        out.writeDouble(observedSum);
        for (int b = 0; b < BUCKETS; b++) {
            out.writeDouble(bucketWeight[b]);
            out.writeDouble(bucketPredicted[b]);
            out.writeDouble(bucketObserved[b]);
        }
        out.writeInt(head);
        out.writeInt(filled);
        for (int i = 0; i < filled; i++) {
            out.writeDouble(windowScores[i]);
            out.writeByte((int) windowLabels[i]);
            out.writeDouble(windowWeights[i]);
        }
    }

    /** Reads a state written by {@link #writeTo}. */
    static ProgressiveValidation readFrom(DataInput in) throws IOException {
        int window = in.readInt();
        if (window < 1) {
            throw new ModelFormatException("The checkpoint's AUC window is " + window + "; it must be positive.");
        }
        ProgressiveValidation validation = new ProgressiveValidation(window);
        validation.samples = in.readLong();
        validation.weight = in.readDouble();
        validation.lossSum = in.readDouble();
        validation.predictedSum = in.readDouble();
        validation.observedSum = in.readDouble();
        for (int b = 0; b < BUCKETS; b++) {
            validation.bucketWeight[b] = in.readDouble();
            validation.bucketPredicted[b] = in.readDouble();
            validation.bucketObserved[b] = in.readDouble();
        }
        validation.head = in.readInt();
        validation.filled = in.readInt();
        if (validation.filled < 0
                || validation.filled > window
                || validation.head < 0
                || validation.head >= window
                || (validation.filled < window && validation.head != validation.filled)) {
            throw new ModelFormatException("The checkpoint's AUC window state (head " + validation.head + ", filled "
                    + validation.filled + ", window " + window + ") is inconsistent.");
        }
        for (int i = 0; i < validation.filled; i++) {
            validation.windowScores[i] = in.readDouble();
            validation.windowLabels[i] = in.readByte();
            validation.windowWeights[i] = in.readDouble();
        }
        return validation;
    }
}
