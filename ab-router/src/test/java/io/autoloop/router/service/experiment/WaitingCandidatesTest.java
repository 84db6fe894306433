package io.autoloop.router.service.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.LineageRef;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.rollout.CandidatePolicy.Decision;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.messaging.AuditLog;
import io.autoloop.router.repository.ExperimentRepository;
import io.autoloop.router.repository.ModelRegistry;
import io.autoloop.router.repository.RolloutState;
import io.autoloop.router.testing.DefaultConfig;
import io.autoloop.router.testing.Registry;
import io.autoloop.router.testing.TestModels;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The waiting candidates on the local stack's Redis: one per lineage, so a refresh of an arm's lineage that arrives
 * while another lineage's version waits to challenge takes nothing from it; the controller settles them in the order
 * they were created. The service works on a model of the test's own, which the application's controller never touches.
 */
@QuarkusTest
class WaitingCandidatesTest {

    @Inject
    ExperimentRepository repository;

    @Inject
    ModelRegistry registry;

    @Inject
    AuditLog audit;

    @Inject
    AnalyzerFeed feed;

    @Inject
    RedisDataSource redis;

    private final String model = "ctr-waiting-" + UUID.randomUUID();
    private final Instant t0 = Instant.now().minus(Duration.ofHours(1));
    private final List<String> experiments = new ArrayList<>();

    @AfterEach
    void deleteTheModel() {
        List<String> keys = redis.key().keys(RedisKeys.modelKeysPattern(model));
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
        }
        for (String id : experiments) {
            redis.key().del(RedisKeys.experiment(id), RedisKeys.analyses(id));
            redis.set(String.class).srem(RedisKeys.EXPERIMENTS, id);
        }
    }

    @Test
    void aRefreshOfTheChampionsLineageTakesNothingFromAChallengerThatWaitsBeforeIt() {
        // Given a champion of the default lineage,
        ExperimentService service = service();
        ModelVersion champion = publish("1.1.0", 0, TestModels.LINEAGE);
        assertThat(service.adoptChampion(champion.version())).isTrue();

        // when a version of another lineage and, a moment later, a refresh of the champion's lineage pass the gate,
        ModelVersion challenger = publish("2.1.0", 1, TestModels.CHALLENGER_LINEAGE);
        ModelVersion refresh = publish("1.2.0", 2, TestModels.LINEAGE);
        assertThat(repository.offerCandidate(challenger)).isTrue();
        assertThat(repository.offerCandidate(refresh)).isTrue();

        // then both wait, each for its lineage,
        assertThat(repository.state(model).waiting()).containsExactly(challenger, refresh);

        // and the controller starts the challenge first (it was created first), then refreshes the champion's arm of
        // the running experiment, then has nothing left to settle.
        Decision first = service.handleCandidate(Instant.now());
        Experiment started = repository.state(model).running();
        experiments.add(started.id());
        Decision second = service.handleCandidate(Instant.now());
        Decision third = service.handleCandidate(Instant.now());

        assertThat(List.of(first, second, third))
                .containsExactly(Decision.START_EXPERIMENT, Decision.REFRESH_CHAMPION, Decision.WAIT);
        RolloutState state = repository.state(model);
        assertThat(state.candidates()).isEmpty();
        assertThat(state.champion()).isEqualTo(refresh.version());
        assertThat(state.running().id()).isEqualTo(started.id());
        assertThat(state.running().challenger()).isEqualTo(challenger.version());
        assertThat(state.running().champion()).isEqualTo(refresh.version());
        assertThat(redis.value(String.class).get(RedisKeys.alias(model, Arm.CHALLENGER)))
                .isEqualTo(challenger.version());
    }

    @Test
    void aRefreshCreatedBeforeTheChallengeIsAppliedFirstAndTheChallengeStartsAgainstIt() {
        ExperimentService service = service();
        ModelVersion champion = publish("1.1.0", 0, TestModels.LINEAGE);
        assertThat(service.adoptChampion(champion.version())).isTrue();
        ModelVersion refresh = publish("1.2.0", 1, TestModels.LINEAGE);
        ModelVersion challenger = publish("2.1.0", 2, TestModels.CHALLENGER_LINEAGE);
        assertThat(repository.offerCandidate(challenger)).isTrue();
        assertThat(repository.offerCandidate(refresh)).isTrue();

        Decision first = service.handleCandidate(Instant.now());
        Decision second = service.handleCandidate(Instant.now());
        Experiment started = repository.state(model).running();
        experiments.add(started.id());

        assertThat(List.of(first, second)).containsExactly(Decision.REFRESH_CHAMPION, Decision.START_EXPERIMENT);
        assertThat(started.champion()).isEqualTo(refresh.version());
        assertThat(started.challenger()).isEqualTo(challenger.version());
    }

    @Test
    void aNewerVersionOfALineageTakesItsPlaceAndAnOlderOneIsRefused() {
        ModelVersion older = publish("2.1.0", 1, TestModels.CHALLENGER_LINEAGE);
        ModelVersion newer = publish("2.2.0", 2, TestModels.CHALLENGER_LINEAGE);
        ModelVersion other = publish("1.2.0", 0, TestModels.LINEAGE);

        assertThat(repository.offerCandidate(older)).isTrue();
        assertThat(repository.offerCandidate(other)).isTrue();
        assertThat(repository.offerCandidate(newer)).isTrue();
        assertThat(repository.offerCandidate(older))
                .as("an older version of a lineage that waits")
                .isFalse();

        assertThat(repository.state(model).candidates())
                .isEqualTo(Map.of(
                        TestModels.CHALLENGER_LINEAGE.id(), newer,
                        TestModels.LINEAGE.id(), other));
    }

    private ExperimentService service() {
        RouterConfig config = DefaultConfig.of(RouterConfig.class, Map.of("modelName", model));
        return new ExperimentService(repository, registry, audit, feed, config);
    }

    /** Publishes {@code version} of {@code lineage}, created {@code minutes} after the test's start, to the registry. */
    private ModelVersion publish(String version, int minutes, LineageRef lineage) {
        TestModels.Built built = TestModels.build(model, version, t0.plus(Duration.ofMinutes(minutes)), lineage);
        new Registry(redis).publish(built);
        return built.metadata();
    }
}
