package io.autoloop.retrainer.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autoloop.contracts.ModelMetrics;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.retrainer.UniqueModel;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.service.TrainerMonitor;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(UniqueModel.class)
class TrainerLeaseTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Inject
    RedisDataSource redisDataSource;

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
    void aSecondInstanceWaitsWhileTheLeaseIsHeldAndTakesOverOnceItIsFree() {
        RegistryKeys keys = new RegistryKeys("lease-test-" + UUID.randomUUID());
        TrainerLease first = lease(keys, Duration.ofSeconds(30), "first");
        TrainerLease second = lease(keys, Duration.ofSeconds(30), "second");
        try {
            assertThat(first.acquire()).isTrue();
            assertThat(first.acquire()).as("re-acquiring one's own lease").isTrue();
            assertThat(second.acquire()).isFalse();
            assertThat(second.renew()).isFalse();
            second.release();
            assertThat(first.currentHolder()).contains("first");

            first.release();

            assertThat(second.acquire()).isTrue();
            assertThat(first.renew()).isFalse();
        } finally {
            redisDataSource.key().del(keys.lease());
        }
    }

    @Test
    void aLeaseThatIsNotRenewedExpiresAndAStandbyTakesOver() {
        RegistryKeys keys = new RegistryKeys("lease-test-" + UUID.randomUUID());
        TrainerLease crashed = lease(keys, Duration.ofMillis(300), "crashed");
        TrainerLease standby = lease(keys, Duration.ofSeconds(30), "standby");
        try {
            assertThat(crashed.acquire()).isTrue();
            assertThat(standby.acquire()).isFalse();

            await().atMost(TIMEOUT).until(standby::acquire);

            assertThat(standby.currentHolder()).contains("standby");
        } finally {
            redisDataSource.key().del(keys.lease());
        }
    }

    @Test
    void anInstanceWithoutTheLeaseCanNeitherCheckpointNorPublish() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> monitor.isActive() && checkpoints.read().isPresent());
        TrainerLease intruder =
                lease(new RegistryKeys(config.modelName()), config.lease().ttl(), "intruder");
        byte[] garbage = "not a checkpoint".getBytes(StandardCharsets.UTF_8);
        ModelVersion meta = new ModelVersion(
                1,
                config.modelName(),
                "99.0.0",
                null,
                Instant.now(),
                0,
                new ModelMetrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                "00",
                registry.keys().bytes("99.0.0"));

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
        return new TrainerLease(redisDataSource, redis, keys, ttl, TIMEOUT, holder);
    }
}
