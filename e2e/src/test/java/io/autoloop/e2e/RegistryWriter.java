package io.autoloop.e2e;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.LineageRef;
import io.autoloop.contracts.ModelMetrics;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.Topics;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.learner.FeatureHasher;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.ModelCodec;
import io.autoloop.learner.ModelSnapshot;
import io.autoloop.learner.NegatedModels;
import io.autoloop.testing.TopicWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Puts versions of one model into the Redis registry by hand, the way the retrainer publishes (bytes, {@code :meta},
 * the {@code versions} sorted set scored by creation time in ms), and announces each on {@code model.versions} keyed by
 * the model name, where the router takes it as its next candidate. A version's lineage follows its major number, as
 * the retrainer's do ({@code 1.x.y} refresh one another, {@code 2.1.0} challenges them), but is a lineage of this
 * writer's own: no retrainer trains it, so a version written here always challenges the retrainer's versions.
 */
final class RegistryWriter {

    private final String model;
    private final RedisStore redis;

    RegistryWriter(String model, RedisStore redis) {
        this.model = model;
        this.redis = redis;
    }

    /** The registry key of a version's bytes. */
    String bytesKey(String version) {
        return RedisKeys.model(model, version);
    }

    /** The version the champion alias names, null when there is none. */
    String champion() {
        return redis.get(RedisKeys.alias(model, Arm.CHAMPION));
    }

    /**
     * Trains a small model as {@code version} (items {@code favourite} get clicks, {@code other-*} items none), writes
     * it and announces it.
     */
    ModelVersion publishTrained(String version, Instant createdAt) {
        FeatureSpec spec = new FeatureSpec(18, 0, List.of());
        FtrlLearner learner = new FtrlLearner(spec, FtrlParameters.defaults());
        FeatureHasher hasher = new FeatureHasher(spec);
        FeatureVector vector = new FeatureVector();
        for (int round = 0; round < 300; round++) {
            hasher.hash(Map.of("item", Map.of("id", "favourite")), vector);
            learner.learn(vector, 1.0);
            hasher.hash(Map.of("item", Map.of("id", "other-" + (round % 7))), vector);
            learner.learn(vector, 0.0);
        }
        byte[] bytes = ModelCodec.write(learner.snapshot(model, version, null, Map.of(), createdAt));
        return publish(
                version,
                null,
                createdAt,
                learner.samplesSeen(),
                new ModelMetrics(learner.samplesSeen(), 0.3, 0.9, 1.0, 0.3),
                bytes);
    }

    /** Writes {@code source} with every weight negated as {@code version}, and announces it. */
    ModelVersion publishNegated(String source, String version) {
        byte[] sourceBytes = redis.getBytes(bytesKey(source));
        String sourceMeta = redis.get(bytesKey(source) + ":meta");
        if (sourceBytes == null || sourceMeta == null) {
            throw new IllegalStateException("The registry of " + model + " has no version " + source + ".");
        }
        ModelVersion parent = ContractJson.read(sourceMeta.getBytes(StandardCharsets.UTF_8), ModelVersion.class);
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ModelSnapshot broken = NegatedModels.negate(ModelCodec.read(sourceBytes), version, createdAt);
        return publish(version, source, createdAt, parent.samplesSeen(), parent.metrics(), ModelCodec.write(broken));
    }

    /** The writer's lineage of {@code version}: one per major number. */
    static LineageRef lineageOf(String version) {
        String major = version.substring(0, version.indexOf('.'));
        return new LineageRef(
                DigestUtils.sha256Hex("registry-writer-" + major).substring(0, 16), "registry-writer-" + major);
    }

    private ModelVersion publish(
            String version, String parent, Instant createdAt, long samplesSeen, ModelMetrics metrics, byte[] bytes) {
        ModelVersion meta = new ModelVersion(
                ModelVersion.SCHEMA_VERSION,
                model,
                version,
                parent,
                createdAt,
                samplesSeen,
                metrics,
                DigestUtils.sha256Hex(bytes),
                bytesKey(version),
                lineageOf(version));
        redis.set(bytesKey(version), bytes);
        redis.set(RedisKeys.modelMeta(model, version), new String(ContractJson.write(meta), StandardCharsets.UTF_8));
        redis.zadd(RedisKeys.modelVersions(model), createdAt.toEpochMilli(), version);
        TopicWriter.writeOne(Topics.MODEL_VERSIONS, model, meta);
        return meta;
    }
}
