package io.autoloop.retrainer.domain;

/** What the {@link Trainer} did with one record of {@code training.samples}. */
public enum SampleOutcome {
    /** Scored, then learned. */
    TRAINED,
    /** Skipped: the user did not consent ({@code consent=false}). */
    NO_CONSENT,
    /** Skipped: the record is not a valid {@code LabelledSample}, or one of its features cannot be hashed. */
    MALFORMED
}
