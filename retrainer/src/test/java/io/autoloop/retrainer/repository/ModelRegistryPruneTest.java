package io.autoloop.retrainer.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.retrainer.TestConfig;
import io.autoloop.retrainer.TestRedis;
import io.autoloop.retrainer.UniqueModel;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry's bound on the local stack's Redis, for a model of the test's own that no trainer writes. */
@QuarkusTest
@WithTestResource(UniqueModel.class)
class ModelRegistryPruneTest {

    private final String model = "ctr-prune-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    RedisDataSource redisDataSource;

    @Inject
    Redis redis;

    @AfterEach
    void deleteTheModel() {
        try (TestRedis keys = new TestRedis()) {
            keys.deleteModel(model);
        }
    }

    @Test
    void onlyTheNewestVersionsOfEachLineageAndThoseSomethingNamesAreKept() {
        // given lineage 1 with versions 1.1.0 to 1.6.0 and lineage 2 with 2.1.0 to 2.4.0; the champion alias names
        // 1.1.0, the running experiment 1.2.0 against 2.1.0, and the waiting candidates 1.3.0 and 2.2.0 (one per
        // lineage)
        ModelRegistry registry =
                new ModelRegistry(redisDataSource, redis, TestConfig.of(Map.of("retrainer.model-name", model)));
        List<String> published =
                List.of("1.1.0", "1.2.0", "1.3.0", "1.4.0", "1.5.0", "1.6.0", "2.1.0", "2.2.0", "2.3.0", "2.4.0");
        for (int i = 0; i < published.size(); i++) {
            write(published.get(i), i);
        }
        ValueCommands<String, String> values = redisDataSource.value(String.class);
        values.set(RedisKeys.alias(model, Arm.CHAMPION), "1.1.0");
        values.set(RedisKeys.runningExperiment(model), model + "-e1");
        values.set(
                RedisKeys.experiment(model + "-e1"),
                "{\"id\": \"e1\", \"champion\": \"1.2.0\", \"challenger\": \"2.1.0\"}");
        redisDataSource
                .hash(String.class)
                .hset(
                        RedisKeys.candidates(model),
                        Map.of("lineage-1", "{\"version\": \"1.3.0\"}", "lineage-2", "{\"version\": \"2.2.0\"}"));

        // when the registry keeps the newest 2 per lineage
        long deleted = registry.prune(2);

        // then 1.4.0 alone goes: 1.1.0 to 1.3.0, 2.1.0 and 2.2.0 are named, the others among their lineage's newest two
        assertThat(deleted).isEqualTo(1);
        assertThat(redisDataSource.sortedSet(String.class).zrange(RedisKeys.modelVersions(model), 0, -1))
                .containsExactly("1.1.0", "1.2.0", "1.3.0", "1.5.0", "1.6.0", "2.1.0", "2.2.0", "2.3.0", "2.4.0");
        assertThat(values.get(RedisKeys.model(model, "1.4.0"))).isNull();
        assertThat(values.get(RedisKeys.modelMeta(model, "1.4.0"))).isNull();
        assertThat(values.get(RedisKeys.modelMeta(model, "1.5.0"))).isNotNull();
    }

    @Test
    void versionsNothingNamesBeyondTheBoundAreDeletedBytesMetaAndIndexEntry() {
        ModelRegistry registry =
                new ModelRegistry(redisDataSource, redis, TestConfig.of(Map.of("retrainer.model-name", model)));
        for (int minor = 1; minor <= 5; minor++) {
            write("1." + minor + ".0", minor);
        }

        assertThat(registry.prune(3)).isEqualTo(2);
        assertThat(redisDataSource.sortedSet(String.class).zrange(RedisKeys.modelVersions(model), 0, -1))
                .containsExactly("1.3.0", "1.4.0", "1.5.0");
        assertThat(redisDataSource.key().exists(RedisKeys.model(model, "1.1.0"), RedisKeys.modelMeta(model, "1.2.0")))
                .isZero();
        assertThat(registry.prune(3)).isZero();
    }

    private void write(String version, int order) {
        redisDataSource.value(String.class).set(RedisKeys.model(model, version), "bytes of " + version);
        redisDataSource
                .value(String.class)
                .set(RedisKeys.modelMeta(model, version), "{\"version\": \"" + version + "\"}");
        redisDataSource.sortedSet(String.class).zadd(RedisKeys.modelVersions(model), 1000.0 + order, version);
    }
}
