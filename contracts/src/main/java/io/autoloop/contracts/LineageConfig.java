package io.autoloop.contracts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * One way of training a model: the feature spec (hash bits and namespace crosses), the FTRL-Proximal
 * hyper-parameters and the version of the labelling rules. Its {@link #fingerprint()} is the id of the lineage that
 * trains this way.
 *
 * @param hashBits the feature-hashing bits, 2^hashBits slots
 * @param crosses the namespace crosses in order, each {@code a*b} (for example {@code user*item})
 * @param alpha FTRL's learning-rate scale α
 * @param beta FTRL's learning-rate smoothing β
 * @param l1 FTRL's L1 strength λ1
 * @param l2 FTRL's L2 strength λ2
 * @param labelling the version of the labelling rules the lineage trains on
 */
public record LineageConfig(
        int hashBits, List<String> crosses, double alpha, double beta, double l1, double l2, int labelling) {

    private static final String NAME = "LineageConfig";

    public LineageConfig {
        crosses = List.copyOf(Require.present(crosses, NAME, "crosses"));
        Require.finite(alpha, NAME, "alpha");
        Require.finite(beta, NAME, "beta");
        Require.finite(l1, NAME, "l1");
        Require.finite(l2, NAME, "l2");
    }

    /**
     * The canonical text of this configuration, every field in a fixed order with numbers in their shortest exact
     * form, for example {@code bits=22;crosses=user*item;alpha=0.1;beta=1.0;l1=0.0;l2=0.0;labelling=1}.
     */
    public String canonical() {
        return String.format(
                Locale.ROOT,
                "bits=%d;crosses=%s;alpha=%s;beta=%s;l1=%s;l2=%s;labelling=%d",
                hashBits,
                String.join(",", crosses),
                Double.toString(alpha),
                Double.toString(beta),
                Double.toString(l1),
                Double.toString(l2),
                labelling);
    }

    /** The first 16 hex digits of the SHA-256 of {@link #canonical()}: equal exactly when the configurations are. */
    public String fingerprint() {
        return DigestUtils.sha256Hex(canonical().getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);
    }
}
