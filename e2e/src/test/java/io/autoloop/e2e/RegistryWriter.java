package io.autoloop.e2e;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.Topics;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.learner.ModelCodec;
import io.autoloop.learner.ModelSnapshot;
import io.autoloop.learner.NegatedModels;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts a model version into one loop's Redis registry by hand, the way the retrainer publishes (bytes, {@code :meta},
 * the {@code versions} sorted set scored by creation time in ms), and announces it on {@code model.versions} keyed by
 * the model name, where the router takes it as its next candidate.
 */
final class RegistryWriter {

    private final Loop loop;
    private final RedisStore redis;

    RegistryWriter(Loop loop, RedisStore redis) {
        this.loop = loop;
        this.redis = redis;
    }

    /** The registry key of a version's bytes. */
    String bytesKey(String version) {
        return RedisKeys.model(loop.model(), version);
    }

    /** The version the champion alias names, null when there is none. */
    String champion() {
        return redis.get(RedisKeys.alias(loop.model(), Arm.CHAMPION));
    }

    /** Writes {@code source} with every weight negated as {@code version}, and announces it. */
    ModelVersion publishNegated(String source, String version) {
        byte[] sourceBytes = redis.getBytes(bytesKey(source));
        String sourceMeta = redis.get(RedisKeys.modelMeta(loop.model(), source));
        if (sourceBytes == null || sourceMeta == null) {
            throw new IllegalStateException("The registry of " + loop.model() + " has no version " + source + ".");
        }
        ModelVersion parent = ContractJson.read(sourceMeta.getBytes(), ModelVersion.class);
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ModelSnapshot broken = NegatedModels.negate(ModelCodec.read(sourceBytes), version, createdAt);
        byte[] bytes = ModelCodec.write(broken);
        ModelVersion meta = new ModelVersion(
                ModelVersion.SCHEMA_VERSION,
                loop.model(),
                version,
                source,
                createdAt,
                parent.samplesSeen(),
                parent.metrics(),
                DigestUtils.sha256Hex(bytes),
                bytesKey(version));
        redis.set(bytesKey(version), bytes);
        redis.set(RedisKeys.modelMeta(loop.model(), version), new String(ContractJson.write(meta)));
        redis.zadd(RedisKeys.modelVersions(loop.model()), createdAt.toEpochMilli(), version);
        announce(meta);
        return meta;
    }

    private void announce(ModelVersion version) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Loop.kafka());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            String topic = loop.topic(Topics.MODEL_VERSIONS);
            producer.send(new ProducerRecord<>(
                            topic, version.name(), Topics.MODEL_VERSIONS.serde().serialize(topic, version)))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not announce " + version.version() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while announcing " + version.version() + ".", e);
        }
    }
}
