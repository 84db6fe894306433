package io.autoloop.router.testing;

import io.autoloop.contracts.LineageConfig;
import io.autoloop.contracts.LineageRef;
import io.autoloop.contracts.ModelMetrics;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.learner.FeatureHasher;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.ModelCodec;
import io.autoloop.learner.ModelSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Real models for the tests, trained with the learner and encoded with its codec: a model that has learned that the
 * item {@code favourite} gets clicked and every other item does not.
 */
public final class TestModels {

    /** The item every test model ranks first. */
    public static final String FAVOURITE = "favourite";

    /** The training configuration of the default lineage. */
    public static final LineageConfig DEFAULT_CONFIG = new LineageConfig(18, List.of(), 0.1, 1.0, 0.0, 0.0, 1);

    /** The default lineage: a test model's lineage unless it says otherwise. */
    public static final LineageRef LINEAGE = new LineageRef(DEFAULT_CONFIG.fingerprint(), "default");

    /** The training configuration of a second lineage, which challenges the default one. */
    public static final LineageConfig CHALLENGER_CONFIG =
            new LineageConfig(18, List.of("user*item"), 0.05, 1.0, 0.0, 1.0, 1);

    /** The second lineage: a version of it challenges a champion of the default one. */
    public static final LineageRef CHALLENGER_LINEAGE = new LineageRef(CHALLENGER_CONFIG.fingerprint(), "user-item");

    private TestModels() {}

    /**
     * A lineage of one test's own, named {@code name}: its id stands for a configuration no other test trains with, so
     * that an experiment it ends (which retires the losing lineage) leaves the other tests' lineages alone.
     */
    public static LineageRef lineage(String name) {
        return new LineageRef(DigestUtils.sha256Hex(name).substring(0, 16), name);
    }

    /** A model version, its bytes and the {@link ModelVersion} the retrainer would publish for it. */
    public record Built(ModelSnapshot snapshot, byte[] bytes, ModelVersion metadata) {}

    /** Trains {@code name} {@code version} of the default lineage: clicks on {@link #FAVOURITE}, none on others. */
    public static Built build(String name, String version, Instant createdAt) {
        return build(name, version, createdAt, LINEAGE);
    }

    /** Trains {@code name} {@code version} of {@code lineage}: clicks on {@link #FAVOURITE}, none on others. */
    public static Built build(String name, String version, Instant createdAt, LineageRef lineage) {
        return train(name, version, createdAt, lineage, 1.0);
    }

    /**
     * A model of {@code lineage} with the negated weights of {@link #build}'s: it ranks {@link #FAVOURITE} last and
     * gives every item one minus the probability the good model gives it. It is trained on the flipped labels, which
     * gives FTRL-Proximal (symmetric in the label, started at zero) exactly the negated weights.
     */
    public static Built negated(String name, String version, Instant createdAt, LineageRef lineage) {
        return train(name, version, createdAt, lineage, 0.0);
    }

    private static Built train(
            String name, String version, Instant createdAt, LineageRef lineage, double favouriteLabel) {
        FeatureSpec spec = new FeatureSpec(18, 0, List.of());
        FtrlLearner learner = new FtrlLearner(spec, FtrlParameters.defaults());
        FeatureHasher hasher = new FeatureHasher(spec);
        FeatureVector vector = new FeatureVector();
        for (int round = 0; round < 300; round++) {
            hasher.hash(Map.of("item", Map.of("id", FAVOURITE)), vector);
            learner.learn(vector, favouriteLabel);
            hasher.hash(Map.of("item", Map.of("id", "other-" + (round % 7))), vector);
            learner.learn(vector, 1.0 - favouriteLabel);
        }
        ModelSnapshot snapshot = learner.snapshot(name, version, null, Map.of(), createdAt);
        byte[] bytes = ModelCodec.write(snapshot);
        return new Built(snapshot, bytes, metadata(name, version, createdAt, DigestUtils.sha256Hex(bytes), lineage));
    }

    /** The {@link ModelVersion} of {@code name} {@code version} of the default lineage with a given checksum. */
    public static ModelVersion metadata(String name, String version, Instant createdAt, String checksum) {
        return metadata(name, version, createdAt, checksum, LINEAGE);
    }

    /** The {@link ModelVersion} of {@code name} {@code version} of {@code lineage} with a given checksum. */
    public static ModelVersion metadata(
            String name, String version, Instant createdAt, String checksum, LineageRef lineage) {
        return new ModelVersion(
                ModelVersion.SCHEMA_VERSION,
                name,
                version,
                null,
                createdAt,
                600,
                new ModelMetrics(600, 0.3, 0.9, 1.0, 0.3),
                checksum,
                RedisKeys.model(name, version),
                lineage);
    }
}
