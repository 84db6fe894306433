package io.autoloop.retrainer.domain;

/**
 * What the {@link Trainer} did with one record of {@code training.samples}: its tag on
 * {@code autoloop.samples.consumed}, and for a record that is not learned for a fault of its own, the reason of its
 * dead letter on {@code feedback.rejected}.
 */
public enum SampleOutcome {
    /** Scored, then learned. */
    TRAINED("trained", null),
    /** Skipped: the user did not consent ({@code consent=false}). */
    NO_CONSENT("no-consent", null),
    /** Skipped: the record is not a valid {@code LabelledSample}, or one of its features cannot be hashed. */
    MALFORMED("malformed", "malformed-sample"),
    /** Refused by the learner: learning it would have made a weight or an accumulator non-finite. */
    NON_FINITE_UPDATE("non-finite-update", "non-finite-update"),
    /** Skipped: the training loop failed on it twice, so it is quarantined instead of failing the loop for ever. */
    QUARANTINED("quarantined", "quarantined");

    private final String tag;
    private final String deadLetterReason;

    SampleOutcome(String tag, String deadLetterReason) {
        this.tag = tag;
        this.deadLetterReason = deadLetterReason;
    }

    /** The {@code outcome} tag of {@code autoloop.samples.consumed}, e.g. {@code no-consent}. */
    public String tag() {
        return tag;
    }

    /** Whether the record goes to {@code feedback.rejected}. */
    public boolean deadLettered() {
        return deadLetterReason != null;
    }

    /**
     * The {@code reason} of the record's dead letter, e.g. {@code non-finite-update}.
     *
     * @throws IllegalStateException for an outcome that is not dead-lettered
     */
    public String deadLetterReason() {
        if (deadLetterReason == null) {
            throw new IllegalStateException("A record " + tag + " is not dead-lettered, so it has no reason.");
        }
        return deadLetterReason;
    }
}
