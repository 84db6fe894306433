package io.autoloop.learner.search;

import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link OnlineSearch} may change in a {@link Configuration}: consumes the declared ranges and produces the
 * moves a proposal can make from a champion. The FTRL hyper-parameters named in {@code ranges} move on a log scale
 * (one not named keeps the champion's value); the hash bits move by one within {@code [minBits, maxBits]}; a cross of
 * two of {@code namespaces} can be added or removed (crosses of other namespaces the champion has are kept).
 *
 * <p>λ1 and λ2 can also be 0, the penalty off: a step below the lower end of their range turns it off, and a step up
 * from 0 turns it on near the lower end.
 *
 * @param ranges the searched hyper-parameters and their ranges
 * @param minBits the fewest hash bits a proposal may have
 * @param maxBits the most hash bits a proposal may have
 * @param namespaces the namespaces whose pairs may be crossed, in the order a cross names them
 */
public record SearchSpace(Map<Parameter, LogRange> ranges, int minBits, int maxBits, List<String> namespaces) {

    /** α from 0.01 to 1: a hundredfold around the learner's default of 0.1. */
    public static final LogRange DEFAULT_ALPHA = new LogRange(0.01, 1.0);

    /** λ1 from 0.01 to 10, or 0. */
    public static final LogRange DEFAULT_L1 = new LogRange(0.01, 10.0);

    /** λ2 from 0.1 to 100, or 0: below about 1 it is small against the weight's denominator (β + √n) / α. */
    public static final LogRange DEFAULT_L2 = new LogRange(0.1, 100.0);

    /** A hyper-parameter of FTRL-Proximal that a search can move. */
    public enum Parameter {
        ALPHA("alpha"),
        BETA("beta"),
        L1("l1"),
        L2("l2");

        private final String key;

        Parameter(String key) {
            this.key = key;
        }

        /** Whether 0 is a value of this parameter besides its range (a penalty that is off). */
        public boolean canBeOff() {
            return this == L1 || this == L2;
        }

        /** This parameter's value in {@code parameters}. */
        public double of(FtrlParameters parameters) {
            return switch (this) {
                case ALPHA -> parameters.alpha();
                case BETA -> parameters.beta();
                case L1 -> parameters.l1();
                case L2 -> parameters.l2();
            };
        }

        /** {@code parameters} with this parameter set to {@code value}. */
        public FtrlParameters with(FtrlParameters parameters, double value) {
            return switch (this) {
                case ALPHA -> new FtrlParameters(value, parameters.beta(), parameters.l1(), parameters.l2());
                case BETA -> new FtrlParameters(parameters.alpha(), value, parameters.l1(), parameters.l2());
                case L1 -> new FtrlParameters(parameters.alpha(), parameters.beta(), value, parameters.l2());
                case L2 -> new FtrlParameters(parameters.alpha(), parameters.beta(), parameters.l1(), value);
            };
        }

        /** The parameter's name as configurations and command lines write it: alpha, beta, l1, l2. */
        @Override
        public String toString() {
            return key;
        }
    }

    public SearchSpace {
        Map<Parameter, LogRange> copy = new EnumMap<>(Parameter.class);
        copy.putAll(Objects.requireNonNull(ranges, "ranges"));
        copy.values().forEach(range -> Objects.requireNonNull(range, "range"));
        ranges = Collections.unmodifiableMap(copy);
        if (minBits < 1 || maxBits > FeatureSpec.MAX_BITS || minBits > maxBits) {
            throw new IllegalArgumentException("The searched hash bits must satisfy 1 <= minBits <= maxBits <= "
                    + FeatureSpec.MAX_BITS + ", got " + minBits + " to " + maxBits + ".");
        }
        namespaces = List.copyOf(Objects.requireNonNull(namespaces, "namespaces"));
        if (new HashSet<>(namespaces).size() != namespaces.size()) {
            throw new IllegalArgumentException("The searched namespaces list one twice: " + namespaces + ".");
        }
        for (String namespace : namespaces) {
            if (namespace.isBlank() || namespace.matches(".*[*,;].*")) {
                throw new IllegalArgumentException(
                        "A searched namespace must be a non-blank name without '*', ',' or ';'," + " got '" + namespace
                                + "'.");
            }
        }
    }

    /**
     * The default space around a start of {@code bits} hash bits: α from 0.01 to 1, λ1 from 0.01 to 10 or 0, λ2 from
     * 0.1 to 100 or 0, β kept (McMahan et al. found β = 1 usually good enough), the bits kept (more bits cost memory
     * and rarely lose accuracy, so a search by loss alone would only ever add them), and every cross of two of
     * {@code namespaces}.
     */
    public static SearchSpace defaults(int bits, List<String> namespaces) {
        return new SearchSpace(
                Map.of(Parameter.ALPHA, DEFAULT_ALPHA, Parameter.L1, DEFAULT_L1, Parameter.L2, DEFAULT_L2),
                bits,
                bits,
                namespaces);
    }

    /** Every cross a proposal may add or remove: each pair of {@link #namespaces()}, in their order. */
    public List<Cross> crosses() {
        List<Cross> crosses = new ArrayList<>();
        for (int i = 0; i < namespaces.size(); i++) {
            for (int j = i + 1; j < namespaces.size(); j++) {
                crosses.add(new Cross(namespaces.get(i), namespaces.get(j)));
            }
        }
        return crosses;
    }

    /** Whether a proposal can differ from a champion at all. */
    public boolean varies() {
        return ranges.values().stream().anyMatch(LogRange::varies) || minBits < maxBits || namespaces.size() > 1;
    }

    /**
     * Checks that a search may start from {@code start}: its bits and every searched hyper-parameter lie in the
     * space (λ1 and λ2 may also be 0).
     *
     * @throws IllegalArgumentException naming the first value outside the space
     */
    public void requireContains(Configuration start) {
        int bits = start.spec().bits();
        if (bits < minBits || bits > maxBits) {
            throw new IllegalArgumentException("The start configuration has " + bits
                    + " hash bits, outside the searched " + minBits + " to " + maxBits + ".");
        }
        for (Map.Entry<Parameter, LogRange> entry : ranges.entrySet()) {
            Parameter parameter = entry.getKey();
            double value = parameter.of(start.parameters());
            if (!entry.getValue().contains(value) && !(parameter.canBeOff() && value == 0.0)) {
                throw new IllegalArgumentException("The start configuration has " + parameter + " " + value
                        + ", outside the searched range " + entry.getValue()
                        + (parameter.canBeOff() ? " (or 0)" : "") + ".");
            }
        }
    }
}
