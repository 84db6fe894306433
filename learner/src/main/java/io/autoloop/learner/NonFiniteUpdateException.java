package io.autoloop.learner;

/**
 * Thrown by {@link FtrlLearner#learn} for a sample it refuses because learning it would make a weight or an
 * accumulator (z or n) of the learner non-finite, or because its prediction is not a number: names the coordinate and
 * the value that caused it. The learner is left exactly as it was before the call, sample count included.
 */
public final class NonFiniteUpdateException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int coordinate;
    private final double value;

    NonFiniteUpdateException(int coordinate, double value, String message) {
        super(message);
        this.coordinate = coordinate;
        this.value = value;
    }

    /** The coordinate whose update was refused (or, for a prediction that is not a number, the largest value's). */
    public int coordinate() {
        return coordinate;
    }

    /** The sample's value at {@link #coordinate()}. */
    public double value() {
        return value;
    }
}
