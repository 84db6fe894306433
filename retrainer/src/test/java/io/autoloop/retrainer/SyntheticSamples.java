package io.autoloop.retrainer;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.LabelledSample;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * A seeded stream of {@link LabelledSample}s with a learnable signal: 200 users in 5 segments, 20 items in 4
 * categories, 3 slots. The click-through rate depends on the item (items 0–3 are 8×), the segment × category match
 * (3×) and the slot (1, 0.7, 0.5).
 */
public final class SyntheticSamples {

    private final Random random;
    private long sequence;

    public SyntheticSamples(long seed) {
        this.random = new Random(seed);
    }

    /** {@code sample} with one more context feature, e.g. the value {@code 1e200} that no learner can take. */
    public static LabelledSample withContextFeature(LabelledSample sample, String name, Object value) {
        Map<String, Map<String, Object>> features = new HashMap<>(sample.features());
        Map<String, Object> context = new HashMap<>(features.getOrDefault("context", Map.of()));
        context.put(name, value);
        features.put("context", context);
        return new LabelledSample(
                sample.schemaVersion(),
                sample.decisionId(),
                sample.userId(),
                sample.itemId(),
                sample.position(),
                sample.propensity(),
                features,
                sample.label(),
                sample.weight(),
                sample.reason(),
                sample.experimentId(),
                sample.modelVersion(),
                sample.arm(),
                sample.predicted(),
                sample.eventTime(),
                sample.consent());
    }

    /** The next sample, with consent. */
    public LabelledSample next() {
        return next(true);
    }

    /** The next sample, with the given consent. */
    public LabelledSample next(boolean consent) {
        int user = random.nextInt(200);
        int item = random.nextInt(20);
        int position = 1 + random.nextInt(3);
        int segment = user % 5;
        int category = item % 4;
        double ctr = 0.02
                * (item < 4 ? 8 : 1)
                * (segment % 4 == category ? 3 : 1)
                * new double[] {1, 0.7, 0.5}[position - 1];
        int label = random.nextDouble() < Math.min(ctr, 0.95) ? 1 : 0;
        long id = sequence++;
        return labelled(
                id,
                user,
                item,
                position,
                Map.of(
                        "user", Map.of("segment", "s" + segment),
                        "item", Map.of("category", "c" + category, "price", 10.0 + item),
                        "context", Map.of("device", random.nextBoolean() ? "ios" : "android")),
                label,
                consent);
    }

    /** Sample {@code id} of a stream: user {@code u<user>} shown item {@code i<item>} at a slot, as the analyzer labels it. */
    static LabelledSample labelled(
            long id,
            int user,
            int item,
            int position,
            Map<String, Map<String, Object>> features,
            int label,
            boolean consent) {
        return new LabelledSample(
                LabelledSample.SCHEMA_VERSION,
                "d-" + id,
                "u" + user,
                "i" + item,
                position,
                1.0,
                features,
                label,
                1.0,
                label == 1 ? "click" : "no-feedback",
                "exp-1",
                "0.1.0",
                Arm.CHAMPION,
                0.5,
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(id),
                consent);
    }
}
