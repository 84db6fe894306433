package io.autoloop.retrainer;

import io.autoloop.contracts.LabelledSample;
import java.util.Map;
import java.util.Random;

/**
 * A seeded stream of {@link LabelledSample}s whose clicks depend only on the user × item pair: 10 users, 8 items, 3
 * slots; a user clicks the two items of its taste (those with (user + item) divisible by 4) with probability 0.3 and
 * any other with 0.02, whatever the slot. No user and no item clicks more than another on average, so a model without
 * a user × item cross predicts about the mean for every pair, and one with the cross learns each pair.
 */
public final class TasteSamples {

    private final Random random;
    private long sequence;

    public TasteSamples(long seed) {
        this.random = new Random(seed);
    }

    /** The next sample, with consent. */
    public LabelledSample next() {
        int user = random.nextInt(10);
        int item = random.nextInt(8);
        int position = 1 + random.nextInt(3);
        double ctr = (user + item) % 4 == 0 ? 0.3 : 0.02;
        int label = random.nextDouble() < ctr ? 1 : 0;
        return SyntheticSamples.labelled(
                sequence++,
                user,
                item,
                position,
                Map.of(
                        "user", Map.of("segment", "s" + user % 2),
                        "item", Map.of("category", "c" + item % 2),
                        "context", Map.of("device", random.nextBoolean() ? "ios" : "android")),
                label,
                true);
    }
}
