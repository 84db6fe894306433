package io.autoloop.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * One served item with the label its feedback earned, emitted by the error-analyzer on
 * {@code training.samples} once the item's attribution window has closed.
 *
 * <p>{@code label} is 0 or 1; {@code weight} multiplies the sample's gradient; {@code reason} names
 * the labelling rule that decided ({@code click}, {@code no-feedback}, ...); {@code predicted} is
 * the probability the serving model gave; {@code consent=false} samples must never be trained on.
 */
public record LabelledSample(
        int schemaVersion,
        String decisionId,
        String userId,
        String itemId,
        int position,
        double propensity,
        Map<String, Map<String, Object>> features,
        int label,
        double weight,
        String reason,
        String experimentId,
        String modelVersion,
        Arm arm,
        double predicted,
        Instant eventTime,
        Boolean consent) {

    public static final int SCHEMA_VERSION = 1;
    private static final String NAME = "LabelledSample";

    public LabelledSample {
        schemaVersion = Require.schemaVersion(schemaVersion, SCHEMA_VERSION, NAME);
        Require.text(decisionId, NAME, "decisionId");
        Require.text(userId, NAME, "userId");
        Require.text(itemId, NAME, "itemId");
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("A LabelledSample needs a label of 0 or 1, but it is " + label + ".");
        }
        if (!(weight >= 0.0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException(
                    "A LabelledSample needs a finite weight of zero or more, but it is " + weight + ".");
        }
        Require.text(reason, NAME, "reason");
        Require.present(arm, NAME, "arm");
        Require.present(eventTime, NAME, "eventTime");
        features = Features.copyOf(features);
        consent = Require.orDefault(consent, Boolean.TRUE);
    }
}
