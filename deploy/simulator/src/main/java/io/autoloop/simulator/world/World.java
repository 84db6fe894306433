package io.autoloop.simulator.world;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded synthetic world: users, items and the {@link TrueClickModel} that decides what users click. Everything,
 * the world and every {@link Visit} in it, follows from one seed: the same seed gives the same world and, for the same
 * rankings, the same feedback.
 *
 * <p>Users: segment uniform over 8, age band uniform over 4, activity uniform in [0, 1], device mobile / desktop / tv
 * with probability 0.55 / 0.30 / 0.15, consent with probability 0.98. Items: category uniform over 8, price band
 * free / standard / premium with probability 0.5 / 0.35 / 0.15, quality uniform in [-1, 1].
 */
public final class World {

    /** The share of users who refuse training on their feedback. */
    static final double NO_CONSENT_SHARE = 0.02;

    private final long seed;
    private final TrueClickModel truth;
    private final List<User> users;
    private final List<Item> items;
    private final Map<String, Item> itemsById;

    private World(long seed, TrueClickModel truth, List<User> users, List<Item> items) {
        this.seed = seed;
        this.truth = truth;
        this.users = List.copyOf(users);
        this.items = List.copyOf(items);
        this.itemsById = new HashMap<>();
        items.forEach(item -> itemsById.put(item.itemId(), item));
    }

    /** Generates the world of {@code seed} with {@code userCount} users and {@code itemCount} items. */
    public static World generate(long seed, int userCount, int itemCount) {
        if (userCount < 1 || itemCount < 1) {
            throw new IllegalArgumentException("A world needs at least one user and one item, but it was asked for "
                    + userCount + " users and " + itemCount + " items.");
        }
        SplittableRandom random = new SplittableRandom(seed);
        TrueClickModel truth = TrueClickModel.draw(random);
        String prefix = "w" + seed;
        List<Item> items = new ArrayList<>(itemCount);
        for (int i = 0; i < itemCount; i++) {
            items.add(new Item(
                    String.format(Locale.ROOT, "%s-i%04d", prefix, i),
                    random.nextInt(TrueClickModel.CATEGORIES.size()),
                    pick(random, 0.5, 0.35),
                    round2(random.nextDouble(-1.0, 1.0))));
        }
        List<User> users = new ArrayList<>(userCount);
        String[] devices = {"mobile", "desktop", "tv"};
        for (int u = 0; u < userCount; u++) {
            users.add(new User(
                    String.format(Locale.ROOT, "%s-u%05d", prefix, u),
                    random.nextInt(TrueClickModel.SEGMENTS.size()),
                    random.nextInt(TrueClickModel.AGE_BANDS.size()),
                    round2(random.nextDouble()),
                    devices[pick(random, 0.55, 0.30)],
                    random.nextDouble() >= NO_CONSENT_SHARE,
                    TrueClickModel.USER_OFFSET_SD * random.nextGaussian()));
        }
        return new World(seed, truth, users, items);
    }

    /**
     * The {@code index}-th visit: a user drawn uniformly and {@code candidateCount} distinct items drawn uniformly
     * (all items when there are fewer), from a random generator that depends on the seed and the index only.
     */
    public Visit visit(long index, int candidateCount) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed, index));
        User user = users.get(random.nextInt(users.size()));
        int count = Math.min(candidateCount, items.size());
        int[] order = new int[items.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        List<Item> candidates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(order.length - i);
            int chosen = order[j];
            order[j] = order[i];
            candidates.add(items.get(chosen));
        }
        return new Visit(index, user, candidates, this, random);
    }

    public long seed() {
        return seed;
    }

    public TrueClickModel truth() {
        return truth;
    }

    public List<User> users() {
        return users;
    }

    public List<Item> items() {
        return items;
    }

    /** The item with this id, or null when the world has none. */
    public Item item(String itemId) {
        return itemsById.get(itemId);
    }

    /** Index 0 with probability {@code p0}, 1 with {@code p1}, else 2. */
    private static int pick(SplittableRandom random, double p0, double p1) {
        double u = random.nextDouble();
        return u < p0 ? 0 : u < p0 + p1 ? 1 : 2;
    }

    private static double round2(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
