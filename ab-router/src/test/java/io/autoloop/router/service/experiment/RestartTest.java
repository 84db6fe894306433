package io.autoloop.router.service.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.privacy.Pseudonymizer;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.serving.Bucketing;
import io.autoloop.router.repository.ControllerLease;
import io.autoloop.router.repository.ExperimentRepository;
import io.autoloop.router.repository.ModelRegistry;
import io.autoloop.router.service.model.ModelLoader;
import io.autoloop.router.service.model.ModelStore;
import io.autoloop.router.service.model.Routing;
import io.autoloop.router.testing.Api;
import io.autoloop.router.testing.PreviousRun;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a restart keeps. {@link PreviousRun} writes the state a stopped router left in Redis before this application
 * starts; the application then serves that experiment's arms, shows its state and takes over the controller lease, and
 * a second replica built by hand against the same Redis assigns every user the same arm.
 *
 * <p>This covers a restart as far as the state goes (everything a router keeps lives in Redis and is read at start);
 * it does not kill a running JVM.
 */
@QuarkusTest
@QuarkusTestResource(value = PreviousRun.class, restrictToAnnotatedClass = true)
class RestartTest {

    private static final String SECRET = "autoloop-dev-pseudonymization-secret";
    private static final int USERS = 200;

    @Inject
    RedisDataSource redis;

    @Inject
    RouterConfig config;

    @Inject
    ControllerLease lease;

    @Inject
    ExperimentController controller;

    @Test
    void theExperimentStateWrittenBeforeTheRestartIsServedAndShown() {
        Experiment before = PreviousRun.experiment;

        JsonPath shown =
                Api.experiment(before.id()).then().statusCode(200).extract().jsonPath();

        assertThat(shown.getString("phase")).isEqualTo("PROGRESSING");
        assertThat(shown.getDouble("challengerWeight")).isEqualTo(10.0);
        assertThat(shown.getLong("revision")).isEqualTo(before.revision());
        assertThat(shown.getList("history.action", String.class)).containsExactly("CREATE", "START", "ADVANCE");
        await().atMost(Duration.ofSeconds(30)).until(() -> controller.holder().equals(lease.holder(PreviousRun.model)));
    }

    @Test
    void everyUserKeepsTheArmTheSeedGaveThemAndASecondReplicaAgrees() {
        Experiment experiment = PreviousRun.experiment;
        Pseudonymizer pseudonymizer = new Pseudonymizer(SECRET);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> experiment.challenger().equals(firstChallengerVersionServed(pseudonymizer, experiment)));
        Routing secondReplica = replica();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            secondReplica.refresh();
            return secondReplica.current().challenger() != null;
        });

        for (int i = 0; i < USERS; i++) {
            String user = "restart-user-" + i;
            String pseudonym = pseudonymizer.pseudonymize("demo", user);
            Arm expected = Bucketing.armOf(Bucketing.bucketOf(experiment.seed(), pseudonym), 1_000);

            JsonPath served = Api.rank(Api.rankRequest(user, 3, 1))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();

            assertThat(served.getString("arm")).as(user).isEqualTo(expected.wireName());
            assertThat(served.getString("experimentId")).isEqualTo(experiment.id());
            assertThat(served.getString("modelVersion"))
                    .isEqualTo(expected == Arm.CHALLENGER ? experiment.challenger() : experiment.champion());
            assertThat(secondReplica.current().assign(pseudonym).arm()).isEqualTo(expected);
        }
    }

    private String firstChallengerVersionServed(Pseudonymizer pseudonymizer, Experiment experiment) {
        for (int i = 0; i < USERS; i++) {
            String user = "restart-user-" + i;
            String pseudonym = pseudonymizer.pseudonymize("demo", user);
            if (Bucketing.armOf(Bucketing.bucketOf(experiment.seed(), pseudonym), 1_000) == Arm.CHALLENGER) {
                return Api.rank(Api.rankRequest(user, 3, 1)).then().extract().path("modelVersion");
            }
        }
        return null;
    }

    private Routing replica() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ModelRegistry registry = new ModelRegistry(redis);
        ModelStore store = new ModelStore();
        return new Routing(
                new ExperimentRepository(redis, Duration.ofDays(90)),
                registry,
                store,
                new ModelLoader(registry, store, config, meters),
                config,
                meters);
    }
}
