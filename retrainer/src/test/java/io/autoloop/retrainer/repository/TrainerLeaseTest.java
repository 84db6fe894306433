package io.autoloop.retrainer.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autoloop.contracts.LineageRef;
import io.autoloop.contracts.ModelMetrics;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.platform.redis.RedisLease;
import io.autoloop.retrainer.UniqueModel;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.service.TrainerMonitor;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The trainer lease fences the trainer's writes: an instance that does not hold it can neither checkpoint nor publish.
 * The lease itself (standby, expiry, release) is the platform's {@code RedisLease}, tested in the platform module.
 */
@QuarkusTest
@WithTestResource(UniqueModel.class)
class TrainerLeaseTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Inject
    Redis redis;

    @Inject
    RetrainerConfig config;

    @Inject
    CheckpointStore checkpoints;

    @Inject
    ModelRegistry registry;

    @Inject
    TrainerMonitor monitor;

    @Test
    void anInstanceWithoutTheLeaseCanNeitherCheckpointNorPublish() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> monitor.isActive() && checkpoints.read().isPresent());
        TrainerLease intruder =
                lease(new RegistryKeys(config.modelName()), config.lease().ttl(), "intruder");
        byte[] garbage = "not a checkpoint".getBytes(StandardCharsets.UTF_8);
        ModelVersion meta = new ModelVersion(
                ModelVersion.SCHEMA_VERSION,
                config.modelName(),
                "99.0.0",
                null,
                Instant.now(),
                0,
                new ModelMetrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                "00",
                registry.keys().bytes("99.0.0"),
                new LineageRef("0123456789abcdef", "default"));

        assertThat(intruder.acquire()).isFalse();
        assertThat(checkpoints.write(intruder, garbage)).isFalse();
        assertThat(registry.publish(intruder, meta, garbage, garbage))
                .isEqualTo(ModelRegistry.PublishResult.LEASE_LOST);

        assertThat(checkpoints.read())
                .hasValueSatisfying(bytes -> assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII))
                        .isEqualTo("ALRT"));
        assertThat(registry.version("99.0.0")).isEmpty();
    }

    private TrainerLease lease(RegistryKeys keys, Duration ttl, String holder) {
        return new TrainerLease(new RedisLease(redis, TIMEOUT), keys, ttl, holder);
    }
}
