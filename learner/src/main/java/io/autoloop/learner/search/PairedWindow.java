package io.autoloop.learner.search;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The running sums of one challenger's paired losses against the champion over the comparison window: consumes, per
 * example entering or leaving the window, the champion's loss, the paired difference d = challenger − champion and
 * the variance the champion expects of d, and produces the {@link Comparison}.
 *
 * <p>The bound is the normal one on the mean of the n paired differences, d̄ ± z · σ / √n, where σ² is the larger of
 * two variances: the sample variance of the differences, and the mean of the variances the champion's own predictions
 * imply for them ({@code p (1 − p) (d₁ − d₀)²} for an example the champion gave probability p, where d₁ and d₀ are
 * the differences a click and a non-click would give). Pairing removes what both configurations find hard or easy
 * alike, so the differences vary far less than either loss. The second variance matters when clicks are rare: a
 * window that happens to hold few clicks shows a small sample variance (every difference comes from a non-click),
 * and would make a challenger that merely predicts lower look confidently better; the champion's predictions say how
 * much the missing clicks could move the mean. It is not an always-valid bound: a search looks at it after every
 * example, so z is set higher than a single test would need, and decisions wait for a minimum of examples. Not
 * thread-safe.
 */
final class PairedWindow {

    private long count;
    private double championSum;
    private double differenceSum;
    private double squareSum;
    private double expectedVarianceSum;

    void add(double championLoss, double difference, double expectedVariance) {
        count++;
        championSum += championLoss;
        differenceSum += difference;
        squareSum += difference * difference;
        expectedVarianceSum += expectedVariance;
    }

    void remove(double championLoss, double difference, double expectedVariance) {
        count--;
        championSum -= championLoss;
        differenceSum -= difference;
        squareSum -= difference * difference;
        expectedVarianceSum -= expectedVariance;
    }

    void clear() {
        count = 0;
        championSum = 0.0;
        differenceSum = 0.0;
        squareSum = 0.0;
        expectedVarianceSum = 0.0;
    }

    /** Writes the running sums: {@code i64 count | f64 champion | f64 difference | f64 square | f64 variance}. */
    void writeTo(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeDouble(championSum);
        out.writeDouble(differenceSum);
        out.writeDouble(squareSum);
        out.writeDouble(expectedVarianceSum);
    }

    /** Restores the running sums {@link #writeTo} wrote. */
    void readFrom(DataInput in) throws IOException {
        count = in.readLong();
        championSum = in.readDouble();
        differenceSum = in.readDouble();
        squareSum = in.readDouble();
        expectedVarianceSum = in.readDouble();
    }

    long count() {
        return count;
    }

    /** The mean paired difference, challenger minus champion; NaN without examples. */
    double meanDifference() {
        return differenceSum / count;
    }

    /** The champion's mean loss on the paired examples; NaN without examples. */
    double championLoss() {
        return championSum / count;
    }

    /** Half the width of the confidence interval at {@code standardErrors} standard errors; +∞ below two examples. */
    double halfWidth(double standardErrors) {
        if (count < 2) {
            return Double.POSITIVE_INFINITY;
        }
        double mean = differenceSum / count;
        double sampleVariance = (squareSum - count * mean * mean) / (count - 1);
        double variance = Math.max(Math.max(sampleVariance, expectedVarianceSum / count), 0.0);
        return standardErrors * Math.sqrt(variance / count);
    }

    /** The comparison with bounds at {@code standardErrors} standard errors. */
    Comparison compare(double standardErrors) {
        if (count == 0) {
            return new Comparison(
                    0, Double.NaN, Double.NaN, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        double mean = meanDifference();
        double halfWidth = halfWidth(standardErrors);
        double champion = championLoss();
        return new Comparison(count, champion, champion + mean, mean, mean - halfWidth, mean + halfWidth);
    }
}
