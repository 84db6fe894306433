package io.autoloop.learn;

import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.search.Configuration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that name one configuration (bits, crosses, α, β, λ1, λ2), shared by {@code train} and {@code search}. */
final class ConfigurationOptions {

    @Option(
            names = {"-b", "--bits"},
            defaultValue = "" + FeatureSpec.DEFAULT_BITS,
            description = "hash bits: 2^BITS slots (default: ${DEFAULT-VALUE})")
    int bits;

    @Option(
            names = {"-q", "--cross"},
            split = ",",
            paramLabel = "A*B",
            description = "a cross of two namespaces, e.g. u*i; repeat or separate with commas (default: none)")
    List<String> crosses = new ArrayList<>();

    @Option(
            names = "--alpha",
            defaultValue = "" + FtrlParameters.DEFAULT_ALPHA,
            description = "FTRL α, the learning-rate scale (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(
            names = "--beta",
            defaultValue = "" + FtrlParameters.DEFAULT_BETA,
            description = "FTRL β, the learning-rate smoothing (default: ${DEFAULT-VALUE})")
    double beta;

    @Option(
            names = "--l1",
            defaultValue = "" + FtrlParameters.DEFAULT_L1,
            description = "FTRL λ1, the L1 strength (default: ${DEFAULT-VALUE})")
    double l1;

    @Option(
            names = "--l2",
            defaultValue = "" + FtrlParameters.DEFAULT_L2,
            description = "FTRL λ2, the L2 strength (default: ${DEFAULT-VALUE})")
    double l2;

    @Option(names = "--hash-seed", defaultValue = "0", description = "the MurmurHash3 seed (default: ${DEFAULT-VALUE})")
    int hashSeed;

    /**
     * The configuration the options name.
     *
     * @throws IllegalArgumentException with a sentence when a value is out of bounds
     */
    Configuration configuration() {
        List<Cross> parsed = crosses.stream().map(Cross::parse).toList();
        return new Configuration(new FeatureSpec(bits, hashSeed, parsed), new FtrlParameters(alpha, beta, l1, l2));
    }
}
