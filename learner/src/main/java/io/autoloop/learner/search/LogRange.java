package io.autoloop.learner.search;

/**
 * A range of positive values that a search moves through on a log scale: consumes a value and produces its position
 * in [0, 1], and back. Position 0 is {@code low}, position 1 is {@code high}, and equal steps in position multiply
 * the value by equal factors.
 *
 * @param low the smallest value, positive and finite
 * @param high the largest value, at least {@code low} and finite; equal to {@code low} for a range of one value
 */
public record LogRange(double low, double high) {

    public LogRange {
        if (!(low > 0) || !Double.isFinite(low) || !(high >= low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException(
                    "A log-scale range needs 0 < low <= high, both finite, got low " + low + " and high " + high + ".");
        }
    }

    /**
     * The range written {@code LOW..HIGH}, for example {@code 0.01..1}, or one value.
     *
     * @throws IllegalArgumentException with a sentence naming the text when it is not that
     */
    public static LogRange parse(String text) {
        String[] ends = text.split("\\.\\.", -1);
        try {
            if (ends.length == 1) {
                double value = Double.parseDouble(ends[0].trim());
                return new LogRange(value, value);
            }
            if (ends.length == 2) {
                return new LogRange(Double.parseDouble(ends[0].trim()), Double.parseDouble(ends[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        }
        throw new IllegalArgumentException(
                "'" + text + "' is not a range; write two positive numbers joined by '..', e.g. 0.01..1.");
    }

    /** Whether the range holds more than one value. */
    public boolean varies() {
        return high > low;
    }

    /** Whether {@code value} lies in the range. */
    public boolean contains(double value) {
        return value >= low && value <= high;
    }

    /** The position of {@code value}, clamped to [0, 1]; 0 for a range of one value. */
    public double position(double value) {
        if (!varies()) {
            return 0.0;
        }
        double position = Math.log(value / low) / Math.log(high / low);
        return Math.min(Math.max(position, 0.0), 1.0);
    }

    /** The value at {@code position}, which is clamped to [0, 1] first. */
    public double value(double position) {
        double clamped = Math.min(Math.max(position, 0.0), 1.0);
        return Math.min(Math.max(low * Math.pow(high / low, clamped), low), high);
    }

    @Override
    public String toString() {
        return varies() ? low + ".." + high : Double.toString(low);
    }
}
