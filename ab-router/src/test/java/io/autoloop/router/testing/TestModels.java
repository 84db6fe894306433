package io.autoloop.router.testing;

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

    /** The lineage of every test model. */
    public static final LineageRef LINEAGE = new LineageRef("0123456789abcdef", "default");

    private TestModels() {}

    /** A model version, its bytes and the {@link ModelVersion} the retrainer would publish for it. */
    public record Built(ModelSnapshot snapshot, byte[] bytes, ModelVersion metadata) {}

    /** Trains {@code name} {@code version}: clicks on {@link #FAVOURITE}, none on {@code other-*} items. */
    public static Built build(String name, String version, Instant createdAt) {
        FeatureSpec spec = new FeatureSpec(18, 0, List.of());
        FtrlLearner learner = new FtrlLearner(spec, FtrlParameters.defaults());
        FeatureHasher hasher = new FeatureHasher(spec);
        FeatureVector vector = new FeatureVector();
        for (int round = 0; round < 300; round++) {
            hasher.hash(Map.of("item", Map.of("id", FAVOURITE)), vector);
            learner.learn(vector, 1.0);
            hasher.hash(Map.of("item", Map.of("id", "other-" + (round % 7))), vector);
            learner.learn(vector, 0.0);
        }
        ModelSnapshot snapshot = learner.snapshot(name, version, null, Map.of(), createdAt);
        byte[] bytes = ModelCodec.write(snapshot);
        return new Built(snapshot, bytes, metadata(name, version, createdAt, DigestUtils.sha256Hex(bytes)));
    }

    /** The {@link ModelVersion} of {@code name} {@code version} with a given checksum. */
    public static ModelVersion metadata(String name, String version, Instant createdAt, String checksum) {
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
                LINEAGE);
    }
}
