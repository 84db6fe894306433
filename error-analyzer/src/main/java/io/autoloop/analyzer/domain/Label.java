package io.autoloop.analyzer.domain;

/**
 * The label a served item earned: 0 or 1, the weight of its sample and the name of the rule that decided
 * ({@code click}, {@code no-feedback}, ...).
 */
public record Label(int value, double weight, String reason) {

    public Label {
        if (value != 0 && value != 1) {
            throw new IllegalArgumentException("A Label is 0 or 1, but it is " + value + ".");
        }
        if (!(weight >= 0.0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException(
                    "A Label needs a finite weight of zero or more, but it is " + weight + ".");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A Label needs the name of the rule that decided it.");
        }
    }
}
