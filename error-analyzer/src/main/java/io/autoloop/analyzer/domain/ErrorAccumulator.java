package io.autoloop.analyzer.domain;

import io.autoloop.contracts.CalibrationBucket;
import io.autoloop.contracts.ErrorReport;
import io.autoloop.learner.LogLoss;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sums over (predicted probability, label) pairs from which an {@link ErrorReport} is computed; accumulators of
 * disjoint sets of samples {@linkplain #merge merge} into the accumulator of their union.
 *
 * <p>Log loss is the learner's {@link LogLoss}, in nats with predictions clipped to {@code [1e-15, 1 − 1e-15]};
 * calibration uses ten buckets {@code [0, 0.1), …, [0.9, 1]}. AUC is computed from a histogram of {@value #AUC_BINS}
 * equal bins over {@code [0, 1]}: pairs of a positive and a negative whose predictions fall in different bins are
 * ranked exactly, pairs within one bin count one half, as tied scores do in the Mann–Whitney statistic. So the AUC is
 * exact when no positive shares a bin (a 0.001-wide interval) with a negative, and otherwise off by at most half the
 * share of such pairs.
 */
public final class ErrorAccumulator {

    /** The resolution of the AUC histogram. */
    public static final int AUC_BINS = 1000;

    /** The number of calibration buckets. */
    public static final int CALIBRATION_BUCKETS = 10;

    private long samples;
    private long positives;
    private double predictedSum;
    private double logLossSum;
    private double brierSum;
    private final long[] bucketSamples = new long[CALIBRATION_BUCKETS];
    private final long[] bucketPositives = new long[CALIBRATION_BUCKETS];
    private final double[] bucketPredicted = new double[CALIBRATION_BUCKETS];
    private final long[] binPositives = new long[AUC_BINS];
    private final long[] binNegatives = new long[AUC_BINS];

    /** Whether {@code predicted} is a probability this accumulator can take. */
    public static boolean isProbability(double predicted) {
        return predicted >= 0.0 && predicted <= 1.0;
    }

    /** Adds one sample: the probability the model predicted and the label (0 or 1) it earned. */
    public ErrorAccumulator add(double predicted, int label) {
        if (!isProbability(predicted)) {
            throw new IllegalArgumentException(
                    "An error report takes predictions in [0, 1], but got " + predicted + ".");
        }
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("An error report takes labels 0 or 1, but got " + label + ".");
        }
        samples++;
        positives += label;
        predictedSum += predicted;
        logLossSum += LogLoss.of(predicted, label);
        brierSum += (predicted - label) * (predicted - label);
        int bucket = index(predicted, CALIBRATION_BUCKETS);
        bucketSamples[bucket]++;
        bucketPositives[bucket] += label;
        bucketPredicted[bucket] += predicted;
        int bin = index(predicted, AUC_BINS);
        if (label == 1) {
            binPositives[bin]++;
        } else {
            binNegatives[bin]++;
        }
        return this;
    }

    /** Adds every sample of {@code other} to this accumulator. */
    public ErrorAccumulator merge(ErrorAccumulator other) {
        samples += other.samples;
        positives += other.positives;
        predictedSum += other.predictedSum;
        logLossSum += other.logLossSum;
        brierSum += other.brierSum;
        for (int i = 0; i < CALIBRATION_BUCKETS; i++) {
            bucketSamples[i] += other.bucketSamples[i];
            bucketPositives[i] += other.bucketPositives[i];
            bucketPredicted[i] += other.bucketPredicted[i];
        }
        for (int i = 0; i < AUC_BINS; i++) {
            binPositives[i] += other.binPositives[i];
            binNegatives[i] += other.binNegatives[i];
        }
        return this;
    }

    public long samples() {
        return samples;
    }

    /** The report of the window {@code [windowStart, windowEnd)} of {@code modelVersion}. */
    public ErrorReport toReport(String modelVersion, Instant windowStart, Instant windowEnd) {
        if (samples == 0) {
            throw new IllegalStateException("An error report needs at least one sample.");
        }
        List<CalibrationBucket> calibration = new ArrayList<>(CALIBRATION_BUCKETS);
        for (int i = 0; i < CALIBRATION_BUCKETS; i++) {
            calibration.add(new CalibrationBucket(
                    (double) i / CALIBRATION_BUCKETS,
                    (double) (i + 1) / CALIBRATION_BUCKETS,
                    bucketSamples[i],
                    bucketPositives[i],
                    bucketPredicted[i]));
        }
        return new ErrorReport(
                ErrorReport.SCHEMA_VERSION,
                modelVersion,
                windowStart,
                windowEnd,
                samples,
                positives,
                (double) positives / samples,
                predictedSum / samples,
                logLossSum / samples,
                brierSum / samples,
                auc(),
                calibration);
    }

    /** The Mann–Whitney AUC over the histogram; NaN when the samples hold one class only. */
    double auc() {
        long negatives = samples - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double ranked = 0.0;
        long negativesBelow = 0;
        for (int i = 0; i < AUC_BINS; i++) {
            ranked += binPositives[i] * (negativesBelow + 0.5 * binNegatives[i]);
            negativesBelow += binNegatives[i];
        }
        return ranked / ((double) positives * negatives);
    }

    private static int index(double predicted, int bins) {
        return Math.min((int) (predicted * bins), bins - 1);
    }

    /** Writes the sums in a compact binary form (sparse in the AUC bins), for the state stores. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(samples);
        out.writeLong(positives);
        out.writeDouble(predictedSum);
        out.writeDouble(logLossSum);
        out.writeDouble(brierSum);
        for (int i = 0; i < CALIBRATION_BUCKETS; i++) {
            out.writeLong(bucketSamples[i]);
            out.writeLong(bucketPositives[i]);
            out.writeDouble(bucketPredicted[i]);
        }
        int used = 0;
        for (int i = 0; i < AUC_BINS; i++) {
            if (binPositives[i] != 0 || binNegatives[i] != 0) {
                used++;
            }
        }
        out.writeInt(used);
        for (int i = 0; i < AUC_BINS; i++) {
            if (binPositives[i] != 0 || binNegatives[i] != 0) {
                out.writeShort(i);
                out.writeLong(binPositives[i]);
                out.writeLong(binNegatives[i]);
            }
        }
    }

    /** Reads sums written by {@link #writeTo}. */
    public static ErrorAccumulator readFrom(DataInput in) throws IOException {
        ErrorAccumulator accumulator = new ErrorAccumulator();
        accumulator.samples = in.readLong();
        accumulator.positives = in.readLong();
        accumulator.predictedSum = in.readDouble();
        accumulator.logLossSum = in.readDouble();
        accumulator.brierSum = in.readDouble();
        for (int i = 0; i < CALIBRATION_BUCKETS; i++) {
            accumulator.bucketSamples[i] = in.readLong();
            accumulator.bucketPositives[i] = in.readLong();
            accumulator.bucketPredicted[i] = in.readDouble();
        }
        int used = in.readInt();
        for (int n = 0; n < used; n++) {
            int bin = in.readShort();
            accumulator.binPositives[bin] = in.readLong();
            accumulator.binNegatives[bin] = in.readLong();
        }
        return accumulator;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ErrorAccumulator that
                && samples == that.samples
                && positives == that.positives
                && Double.compare(predictedSum, that.predictedSum) == 0
                && Double.compare(logLossSum, that.logLossSum) == 0
                && Double.compare(brierSum, that.brierSum) == 0
                && Arrays.equals(bucketSamples, that.bucketSamples)
                && Arrays.equals(bucketPositives, that.bucketPositives)
                && Arrays.equals(bucketPredicted, that.bucketPredicted)
                && Arrays.equals(binPositives, that.binPositives)
                && Arrays.equals(binNegatives, that.binNegatives);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(samples) * 31 + Long.hashCode(positives);
    }
}
