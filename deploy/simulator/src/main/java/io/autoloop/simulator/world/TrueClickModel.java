package io.autoloop.simulator.world;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The hidden truth of the simulated world: the probability that a user clicks an item shown in a slot, a
 * position-based model (examination × appeal).
 *
 * <pre>
 * logit(u, i) = β0 + ε_u + γ·quality_i + α·(activity_u − 0.5) + A[segment_u][category_i] + B[ageBand_u][priceBand_i]
 * P(click | u, i, k) = PositionBias.factor(k) · σ(logit(u, i))
 * </pre>
 *
 * with β0 = {@value #BASE_LOGIT}, γ = {@value #QUALITY_WEIGHT}, α = {@value #ACTIVITY_WEIGHT}, the affinity tables
 * {@code A ~ N(0, }{@value #SEGMENT_CATEGORY_SD}{@code ²)} and {@code B ~ N(0, }{@value #AGE_PRICE_SD}{@code ²)} drawn
 * once from the world's seed, and the user's own offset {@code ε_u ~ N(0, }{@value #USER_OFFSET_SD}{@code ²)}. Every
 * term but ε_u is a function of observable features (the two tables are user × item crosses), so a logistic model
 * with user × item crosses can learn it; ε_u only through the user's id.
 */
public final class TrueClickModel {

    public static final double BASE_LOGIT = -2.4;
    public static final double QUALITY_WEIGHT = 0.5;
    public static final double ACTIVITY_WEIGHT = 0.6;
    public static final double SEGMENT_CATEGORY_SD = 0.9;
    public static final double AGE_PRICE_SD = 0.5;
    public static final double USER_OFFSET_SD = 0.25;

    public static final List<String> SEGMENTS = List.of("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7");
    public static final List<String> AGE_BANDS = List.of("18-24", "25-34", "35-54", "55+");
    public static final List<String> CATEGORIES =
            List.of("drama", "comedy", "documentary", "kids", "sports", "music", "news", "thriller");
    public static final List<String> PRICE_BANDS = List.of("free", "standard", "premium");

    private final double[][] segmentCategory;
    private final double[][] agePrice;

    private TrueClickModel(double[][] segmentCategory, double[][] agePrice) {
        this.segmentCategory = segmentCategory;
        this.agePrice = agePrice;
    }

    /** Draws the affinity tables from {@code random}. */
    static TrueClickModel draw(RandomGenerator random) {
        double[][] segmentCategory = new double[SEGMENTS.size()][CATEGORIES.size()];
        for (double[] row : segmentCategory) {
            for (int c = 0; c < row.length; c++) {
                row[c] = SEGMENT_CATEGORY_SD * random.nextGaussian();
            }
        }
        double[][] agePrice = new double[AGE_BANDS.size()][PRICE_BANDS.size()];
        for (double[] row : agePrice) {
            for (int p = 0; p < row.length; p++) {
                row[p] = AGE_PRICE_SD * random.nextGaussian();
            }
        }
        return new TrueClickModel(segmentCategory, agePrice);
    }

    /** The true logit of the user clicking the item when examined. */
    public double logit(User user, Item item) {
        return BASE_LOGIT + affinity(user, item);
    }

    /**
     * How much the user likes the item, in (0, 1): {@code σ(logit(u, i) − β0)}, 0.5 on average; it drives watch
     * completion and ratings.
     */
    public double relevance(User user, Item item) {
        return sigmoid(affinity(user, item));
    }

    /** The item's appeal to the user: the probability of a click once the slot is examined, {@code σ(logit(u, i))}. */
    public double appeal(User user, Item item) {
        return sigmoid(logit(user, item));
    }

    /** The probability that the user clicks the item when it is shown in the 0-based {@code slot}. */
    public double clickProbability(User user, Item item, int slot) {
        return PositionBias.factor(slot) * appeal(user, item);
    }

    private double affinity(User user, Item item) {
        return user.hiddenOffset()
                + QUALITY_WEIGHT * item.quality()
                + ACTIVITY_WEIGHT * (user.activity() - 0.5)
                + segmentCategory[user.segment()][item.category()]
                + agePrice[user.ageBand()][item.priceBand()];
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
