package io.autoloop.retrainer.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.retrainer.SampleWriter;
import io.autoloop.retrainer.SyntheticSamples;
import io.autoloop.retrainer.UniqueModel;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.repository.ModelRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lineage serving the challenger arm refreshes it: its candidates are judged against the challenger's version,
 * not the champion's, as soon as the router's challenger alias names a version of it.
 */
@QuarkusTest
@WithTestResource(UniqueModel.class)
@TestProfile(ChallengerRefreshGateTest.OwnModel.class)
class ChallengerRefreshGateTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /**
     * The impossible margin of {@link GateRejectionTest}, in an application and model of this test's own: the aliases
     * it writes must not reach another test's model.
     */
    public static class OwnModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return new GateRejectionTest.ImpossibleMargin().getConfigOverrides();
        }
    }

    @Inject
    RetrainerConfig config;

    @Inject
    ModelRegistry registry;

    @Inject
    RedisDataSource redis;

    @Test
    void whileTheChallengerAliasNamesAVersionOfTheLineageItsCandidatesAreJudgedAgainstIt() {
        // given the lineage's first version, which the router serves as the challenger (the champion is another's)
        await().atMost(PATIENCE).until(() -> registry.version("1.1.0").isPresent());
        redis.value(String.class).set(RedisKeys.alias(config.modelName(), Arm.CHAMPION), "9.1.0");
        redis.value(String.class).set(RedisKeys.alias(config.modelName(), Arm.CHALLENGER), "1.1.0");

        // when the lineage trains on a stream of samples: it learns of the alias on its next look at the registry,
        // which may come after a first burst was trained on, and its holdout window starts over then
        try (SampleWriter samples = new SampleWriter(config.samplesTopic())) {
            SyntheticSamples stream = new SyntheticSamples(37);
            // then a candidate was compared with the challenger's version and rejected by the impossible margin
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (int i = 0; i < 100; i++) {
                    samples.send(stream.next());
                }
                samples.flush();
                return given().get("/v1/models/candidates")
                        .jsonPath()
                        .getList("reason")
                        .contains("worse-than-challenger");
            });
        }
        Map<String, Object> decision = JsonPath.from(
                        given().get("/v1/models/candidates").asString())
                .getMap("find { it.reason == 'worse-than-challenger' }");
        assertThat(decision).containsEntry("champion", "1.1.0").containsEntry("version", "1.2.0");
        assertThat((String) decision.get("detail")).contains("for the challenger arm as served (now 1.1.0");
    }
}
