package io.autoloop.router.service.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.repository.ExperimentRepository;
import io.autoloop.router.repository.ModelRegistry;
import io.autoloop.router.repository.RolloutState;
import io.autoloop.router.testing.DefaultConfig;
import io.autoloop.router.testing.TestModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;

/**
 * The routing table under a failing registry, with hand-written stand-ins for the Redis repositories: the last good
 * models keep serving, a version that fails verification never replaces the champion, and a new champion takes over
 * only once it is loaded.
 */
class RoutingTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private final TestModels.Built v1 = TestModels.build("ctr", "1.0.0", CREATED);
    private final TestModels.Built v2 = TestModels.build("ctr", "2.0.0", CREATED.plusSeconds(60));
    private final AtomicBoolean redisDown = new AtomicBoolean();
    private volatile String champion = "1.0.0";
    private final Map<String, byte[]> bytes = new ConcurrentHashMap<>(Map.of("1.0.0", v1.bytes(), "2.0.0", v2.bytes()));
    private final Map<String, ModelVersion> metadata = Map.of("1.0.0", v1.metadata(), "2.0.0", v2.metadata());

    private final ExperimentRepository experiments = new ExperimentRepository(null, Duration.ofDays(90)) {
        @Override
        public RolloutState state(String model) {
            failWhenDown();
            return new RolloutState(champion, null, null);
        }
    };
    private final ModelRegistry registry = new ModelRegistry(null) {
        @Override
        public Optional<byte[]> modelBytes(String name, String version) {
            failWhenDown();
            return Optional.ofNullable(bytes.get(version));
        }

        @Override
        public Optional<ModelVersion> metadata(String name, String version) {
            failWhenDown();
            return Optional.ofNullable(metadata.get(version));
        }

        @Override
        public Optional<String> newestVersion(String name) {
            failWhenDown();
            return Optional.of("2.0.0");
        }
    };
    private final ModelStore store = new ModelStore();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RouterConfig config = DefaultConfig.of(RouterConfig.class, Map.of());
    private final ModelLoader loader = new ModelLoader(registry, store, config, meters);
    private final Routing routing = new Routing(experiments, registry, store, loader, config, meters);

    private void failWhenDown() {
        if (redisDown.get()) {
            throw new IllegalStateException("Connection refused: redis");
        }
    }

    private void refreshUntilLoaded(String version) {
        for (int i = 0; i < 100 && !version.equals(versionServed()); i++) {
            loader.load(version, null);
            routing.refresh();
        }
    }

    private String versionServed() {
        LoadedModel model = routing.current().assign("user").model();
        return model == null ? null : model.version();
    }

    @Test
    void theLastGoodModelKeepsServingWhileRedisIsDown() {
        refreshUntilLoaded("1.0.0");

        redisDown.set(true);
        RolloutState state = routing.refresh();

        assertThat(state).isNull();
        assertThat(versionServed()).isEqualTo("1.0.0");
        assertThat(meters.counter("autoloop.routing.refresh.failures").count()).isEqualTo(1.0);
    }

    @Test
    void aChampionThatFailsVerificationNeverReplacesTheServingOne() {
        refreshUntilLoaded("1.0.0");
        byte[] tampered = v2.bytes().clone();
        tampered[20] ^= 1;
        bytes.put("2.0.0", tampered);

        champion = "2.0.0";
        assertThat(loader.load("2.0.0", null)).isFalse();
        routing.refresh();

        assertThat(versionServed()).isEqualTo("1.0.0");
        assertThat(store.rejection("2.0.0")).get().asString().contains("SHA-256");
        assertThat(DigestUtils.sha256Hex(tampered)).isNotEqualTo(v2.metadata().checksum());
    }

    @Test
    void aNewChampionTakesOverOnceLoadedAndTheOldOneIsDropped() {
        refreshUntilLoaded("1.0.0");

        champion = "2.0.0";
        refreshUntilLoaded("2.0.0");
        routing.refresh();

        assertThat(versionServed()).isEqualTo("2.0.0");
        assertThat(routing.current().assign("user").arm()).isEqualTo(Arm.CHAMPION);
        assertThat(store.versions()).containsExactly("2.0.0");
    }
}
