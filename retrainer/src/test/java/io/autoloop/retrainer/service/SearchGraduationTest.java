package io.autoloop.retrainer.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.autoloop.contracts.AuditEntry;
import io.autoloop.contracts.Topics;
import io.autoloop.retrainer.SampleWriter;
import io.autoloop.retrainer.TasteSamples;
import io.autoloop.retrainer.UniqueModel;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.testing.Offsets;
import io.autoloop.testing.TopicReader;
import io.autoloop.testing.TopicRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The search on the real stack: the default lineage trains without crosses on {@link TasteSamples}, whose clicks depend
 * only on the user × item pair, and three shadows try the crosses of user, item and context.
 */
@QuarkusTest
@WithTestResource(UniqueModel.class)
@TestProfile(SearchGraduationTest.SearchOn.class)
class SearchGraduationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Inject
    RetrainerConfig config;

    private SampleWriter samples;

    @BeforeEach
    void theTrainerIsActive() {
        samples = new SampleWriter(config.samplesTopic());
        await().atMost(PATIENCE)
                .until(() ->
                        "active".equals(given().get("/v1/models").jsonPath().getString("trainer.role")));
    }

    @AfterEach
    void closeKafka() {
        samples.close();
    }

    @Test
    void aShadowThatBeatsTheChampionsLineageGraduatesAndItsLineageTrainsAndPublishes() {
        // given the audit log's end, and three shadows beside the default lineage
        TopicReader<AuditEntry> auditLog = TopicReader.of(Topics.AUDIT_LOG);
        Offsets auditFrom = auditLog.endOffsets();
        await().atMost(PATIENCE).until(() -> search().getList("shadows").size() == 3);

        // when samples come until the lineage of a graduated shadow (ordinal 2) published its first version
        TasteSamples stream = new TasteSamples(32);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (int i = 0; i < 1_000; i++) {
                samples.send(stream.next());
            }
            samples.flush();
            return given().get("/v1/models/2.1.0").statusCode() == 200;
        });

        // then the version belongs to a lineage the search created, with a cross the default lineage lacks
        JsonPath lineage = given().get(lineages()).jsonPath();
        String name = lineage.getString("find { it.ordinal == 2 }.ref.name");
        assertThat(name).startsWith("search-");
        assertThat(lineage.getString("find { it.ordinal == 2 }.origin")).isEqualTo("search");
        assertThat(lineage.getList("find { it.ordinal == 2 }.config.crosses", String.class))
                .isNotEmpty();
        given().get("/v1/models/2.1.0").then().body("lineage.name", equalTo(name));
        // and it trains beside the default lineage (the trainer's status is reported every second, so it may show
        // the lineage a moment after its first version), while the search goes on around it
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> given().get("/v1/models").then().body("trainer.lineages.lineage.name", hasItem(name)));
        JsonPath board = search();
        assertThat(board.getList("events.type", String.class)).contains("proposed", "graduated");
        assertThat(board.getFloat("events.find { it.type == 'graduated' }.comparison.upper"))
                .isNegative();
        // and the graduation and the lineage's creation are audited with their numbers
        List<AuditEntry> audit = auditLog
                .read(
                        auditFrom,
                        record -> record.hasKey(config.modelName())
                                && List.of("search-graduated", "lineage-created")
                                        .contains(record.value().action()),
                        2,
                        PATIENCE,
                        Duration.ofSeconds(1))
                .stream()
                .map(TopicRecord::value)
                .toList();
        assertThat(audit)
                .extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::reason)
                .containsExactly(
                        tuple("search-graduated", "search", "better"),
                        tuple("lineage-created", "search", "search-graduation"));
        assertThat(audit.get(0).details()).containsKeys("difference", "lower", "upper", "pairedExamples", "config");
        // and counted
        given().get("/q/metrics")
                .then()
                .body(containsString("autoloop_search_events_total{type=\"graduated\""))
                .body(containsString("autoloop_search_shadows"));
    }

    @Test
    void theLeaderboardIsOnlyThereForThisRetrainersModel() {
        given().get("/v1/models/another-model/search").then().statusCode(404);
    }

    private JsonPath search() {
        return given().get("/v1/models/" + config.modelName() + "/search").jsonPath();
    }

    private String lineages() {
        return "/v1/models/" + config.modelName() + "/lineages";
    }

    /** The default lineage without crosses; shadows that try only crosses, on a short window. */
    public static class SearchOn implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("retrainer.features.crosses", "none"),
                    Map.entry("retrainer.search.enabled", "true"),
                    Map.entry("retrainer.search.shadows", "3"),
                    Map.entry("retrainer.search.window", "1000"),
                    Map.entry("retrainer.search.min-examples", "200"),
                    Map.entry("retrainer.search.lease", "50000"),
                    Map.entry("retrainer.search.space.alpha", "none"),
                    Map.entry("retrainer.search.space.l1", "none"),
                    Map.entry("retrainer.search.space.l2", "none"),
                    Map.entry("retrainer.search.space.cross-namespaces", "user,item,context"));
        }
    }
}
