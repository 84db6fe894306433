package io.autoloop.learner.search;

import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.search.SearchSpace.Parameter;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Champion-centred random perturbation: consumes the champion's {@link Configuration} and produces a challenger's,
 * one move away in the {@link SearchSpace}.
 *
 * <p>A move is one of three kinds, drawn with weights 2 : 1 : 1 among those the space allows:
 *
 * <ul>
 *   <li><b>hyper-parameters</b>: a random direction u (a normalised Gaussian vector over the searched parameters) and
 *       the champion's positions (each parameter's log-scale range is [0, 1]) moved by {@code step · u}; the next
 *       such move from the same champion goes the opposite way, −u, so both sides of a direction are tried (as in
 *       FLOW2, the searcher of FLAML's ChaCha). Values are rounded to three significant digits;
 *   <li><b>a cross</b>: one of the crosses the space allows, added if the champion lacks it, removed otherwise;
 *   <li><b>hash bits</b>: one more or one fewer, within the space.
 * </ul>
 *
 * <p>A proposal that equals the champion or one of the configurations to avoid is drawn again, up to
 * {@value #ATTEMPTS} times. Deterministic given its {@link SearchRandom}; its position and the direction it keeps are
 * saved by {@link #writeTo} and restored by {@link #readFrom}. Not thread-safe.
 */
final class Proposer {

    static final int ATTEMPTS = 32;

    private static final MathContext THREE_DIGITS = new MathContext(3);

    private final SearchSpace space;
    private final double step;
    private final SearchRandom random;
    private final List<Parameter> searched = new ArrayList<>();
    private final List<Cross> crosses;
    private double[] direction;
    private Configuration directionCentre;

    Proposer(SearchSpace space, double step, SearchRandom random) {
        this.space = space;
        this.step = step;
        this.random = random;
        space.ranges().forEach((parameter, range) -> {
            if (range.varies()) {
                searched.add(parameter);
            }
        });
        this.crosses = space.crosses();
    }

    /**
     * Writes what the next proposals depend on besides the space and step: the generator's position and the direction
     * kept for the opposite move: {@code random | bool [i32 n | n × f64 direction | centre configuration]}.
     */
    void writeTo(DataOutput out) throws IOException {
        random.writeTo(out);
        out.writeBoolean(direction != null);
        if (direction != null) {
            out.writeInt(direction.length);
            for (double value : direction) {
                out.writeDouble(value);
            }
            directionCentre.writeTo(out);
        }
    }

    /** Restores what {@link #writeTo} wrote. */
    void readFrom(DataInput in) throws IOException {
        random.readFrom(in);
        if (in.readBoolean()) {
            int length = in.readInt();
            if (length != searched.size()) {
                throw new IllegalArgumentException("The saved proposer kept a direction over " + length
                        + " parameters, but the space searches " + searched.size() + ".");
            }
            direction = new double[length];
            for (int i = 0; i < length; i++) {
                direction[i] = in.readDouble();
            }
            directionCentre = Configuration.readFrom(in);
        } else {
            direction = null;
            directionCentre = null;
        }
    }

    /** A configuration one move from {@code champion} that is neither it nor among {@code avoid}, if one is found. */
    Optional<Configuration> propose(Configuration champion, Collection<Configuration> avoid) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Configuration proposal = move(champion);
            if (!proposal.equals(champion) && !avoid.contains(proposal)) {
                return Optional.of(proposal);
            }
        }
        return Optional.empty();
    }

    private Configuration move(Configuration champion) {
        int parameterWeight = searched.isEmpty() ? 0 : 2;
        int crossWeight = crosses.isEmpty() ? 0 : 1;
        int bitsWeight = space.minBits() < space.maxBits() ? 1 : 0;
        int total = parameterWeight + crossWeight + bitsWeight;
        if (total == 0) {
            return champion;
        }
        int draw = random.nextInt(total);
        if (draw < parameterWeight) {
            return new Configuration(champion.spec(), moveParameters(champion));
        }
        if (draw < parameterWeight + crossWeight) {
            return new Configuration(toggleCross(champion.spec()), champion.parameters());
        }
        return new Configuration(moveBits(champion.spec()), champion.parameters());
    }

    private FtrlParameters moveParameters(Configuration champion) {
        double[] u;
        if (direction != null && champion.equals(directionCentre)) {
            u = direction;
            for (int i = 0; i < u.length; i++) {
                u[i] = -u[i];
            }
            direction = null;
        } else {
            u = randomDirection(searched.size());
            direction = u.clone();
            directionCentre = champion;
        }
        FtrlParameters parameters = champion.parameters();
        for (int i = 0; i < searched.size(); i++) {
            Parameter parameter = searched.get(i);
            LogRange range = space.ranges().get(parameter);
            double value = parameter.of(parameters);
            double from = parameter.canBeOff() && value == 0.0 ? 0.0 : range.position(value);
            double to = from + step * u[i];
            double moved = parameter.canBeOff() && to <= 0.0 ? 0.0 : threeDigits(range.value(to), range);
            parameters = parameter.with(parameters, moved);
        }
        return parameters;
    }

    private double[] randomDirection(int dimensions) {
        double[] u = new double[dimensions];
        double norm = 0.0;
        while (norm == 0.0) {
            norm = 0.0;
            for (int i = 0; i < dimensions; i++) {
                u[i] = random.nextGaussian();
                norm += u[i] * u[i];
            }
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < dimensions; i++) {
            u[i] /= norm;
        }
        return u;
    }

    private static double threeDigits(double value, LogRange range) {
        double rounded = new BigDecimal(value).round(THREE_DIGITS).doubleValue();
        return Math.min(Math.max(rounded, range.low()), range.high());
    }

    private FeatureSpec toggleCross(FeatureSpec spec) {
        Cross cross = crosses.get(random.nextInt(crosses.size()));
        List<Cross> toggled = new ArrayList<>(spec.crosses());
        if (!toggled.remove(cross)) {
            toggled.add(cross);
        }
        return new FeatureSpec(spec.bits(), spec.hashSeed(), toggled);
    }

    private FeatureSpec moveBits(FeatureSpec spec) {
        int bits = spec.bits();
        boolean up = bits == space.minBits() || (bits < space.maxBits() && random.nextBoolean());
        return new FeatureSpec(up ? bits + 1 : bits - 1, spec.hashSeed(), spec.crosses());
    }
}
