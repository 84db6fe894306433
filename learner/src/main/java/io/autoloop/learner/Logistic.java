package io.autoloop.learner;

/** Turns a linear margin into a click probability with the logistic link, clipping the margin to ±35 first. */
final class Logistic {

    /** Margins beyond ±35 are clipped, as Vowpal Wabbit and the reference implementation do. */
    static final double MAX_MARGIN = 35.0;

    private Logistic() {}

    static double probability(double margin) {
        double clipped = Math.max(Math.min(margin, MAX_MARGIN), -MAX_MARGIN);
        return 1.0 / (1.0 + Math.exp(-clipped));
    }
}
