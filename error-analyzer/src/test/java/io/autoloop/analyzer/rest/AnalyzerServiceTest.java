package io.autoloop.analyzer.rest;

import static io.autoloop.analyzer.Fixtures.click;
import static io.autoloop.analyzer.Fixtures.decision;
import static io.autoloop.analyzer.Fixtures.feedback;
import static io.autoloop.analyzer.Fixtures.impression;
import static io.autoloop.analyzer.Fixtures.item;
import static io.autoloop.analyzer.Fixtures.sample;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.autoloop.analyzer.AnalyzerInput;
import io.autoloop.analyzer.config.AnalyzerConfig;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.Problem;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.contracts.Topic;
import io.autoloop.testing.ReadinessChecks;
import io.autoloop.testing.TopicReader;
import io.autoloop.testing.TopicRecord;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The service as deployed, on the local stack (its own topics per run, see {@code TestTopics}) with the test
 * profile's windows of seconds and idle closing: decisions and feedback in, samples, dead letters, error reports
 * and arm statistics out, the last two also through the HTTP API.
 */
@QuarkusTest
class AnalyzerServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    AnalyzerConfig config;

    @Test
    void decisionsAndFeedbackBecomeSamplesReportsAndArmStats() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String experiment = "exp-" + run;
        Instant servedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Decision champion = decision(
                "svc-" + run + "-1",
                "u1-" + run,
                servedAt,
                experiment,
                Arm.CHAMPION,
                "1.0.0",
                item("a", 1, 0.2),
                item("b", 2, 0.8));
        Decision challenger = decision(
                "svc-" + run + "-2",
                "u2-" + run,
                servedAt,
                experiment,
                Arm.CHALLENGER,
                "1.1.0",
                item("a", 1, 0.4),
                item("c", 2, 0.6));
        ReadinessChecks.assertReady();

        try (AnalyzerInput input = AnalyzerInput.to(
                topic(config.topics().decisions()), topic(config.topics().feedback()))) {
            for (Decision decision : List.of(champion, challenger)) {
                input.send(decision);
            }
            for (var event : List.of(
                    impression(run + "-e1", champion, "a", servedAt.plusMillis(100)),
                    click(run + "-e2", champion, "b", servedAt.plusMillis(300)),
                    click(run + "-e3", challenger, "a", servedAt.plusMillis(300)),
                    feedback(run + "-e4", EventType.CLICK, "u3-" + run, null, "a", servedAt, null, true))) {
                input.send(event);
            }
        }

        TopicReader<LabelledSample> samplesTopic = TopicReader.of(
                        new Topic<>(topic(config.topics().samples()), LabelledSample.class))
                .committedOnly();
        List<LabelledSample> samples =
                samplesTopic
                        .read(samplesTopic.beginningOffsets(), record -> true, 4, WAIT, Duration.ofSeconds(2))
                        .stream()
                        .map(TopicRecord::value)
                        .toList();
        assertThat(samples)
                .containsExactlyInAnyOrder(
                        sample(champion, "a", 0, "no-positive"),
                        sample(champion, "b", 1, "click"),
                        sample(challenger, "a", 1, "click"),
                        sample(challenger, "c", 0, "no-feedback"));
        TopicReader<RejectedRecord> rejected = TopicReader.of(
                        new Topic<>(topic(config.topics().rejected()), RejectedRecord.class))
                .committedOnly();
        assertThat(rejected.read(rejected.beginningOffsets(), record -> true, 1, WAIT).stream()
                        .map(record -> record.value().reason()))
                .containsExactly("no-decision-id");

        Response armStats = Awaitility.await()
                .atMost(WAIT)
                .until(
                        () -> given().get("/v1/experiments/{id}/arm-stats", experiment),
                        response -> response.statusCode() == 200
                                && response.jsonPath().getLong("arms[1].cumulativeImpressions") == 2);
        armStats.then()
                .body("experimentId", equalTo(experiment))
                .body("arms[0].arm", equalTo("champion"))
                .body("arms[0].modelVersion", equalTo("1.0.0"))
                .body("arms[0].cumulativeImpressions", equalTo(2))
                .body("arms[0].cumulativeClicks", equalTo(1))
                .body("arms[1].arm", equalTo("challenger"))
                .body("arms[1].cumulativeClicks", equalTo(1));

        given().queryParam("modelVersion", "1.0.0")
                .queryParam("from", servedAt.minus(Duration.ofMinutes(1)).toString())
                .queryParam("to", servedAt.plus(Duration.ofMinutes(1)).toString())
                .get("/v1/reports")
                .then()
                .statusCode(200)
                .body("modelVersion", equalTo("1.0.0"))
                .body("reports.size()", equalTo(1))
                .body("reports[0].samples", equalTo(2))
                .body("reports[0].positives", equalTo(1))
                .body("reports[0].auc", equalTo(1.0f));
        given().get("/q/metrics")
                .then()
                .body(containsString("autoloop_feedback_unattributed_total{reason=\"no-decision-id\"}"));
    }

    @Test
    void aReportQueryWithoutModelVersionIsAProblem() {
        given().get("/v1/reports")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("modelVersion"));
    }

    @Test
    void aReportQueryWithAMalformedInstantIsAProblem() {
        given().queryParam("modelVersion", "1.0.0")
                .queryParam("from", "yesterday")
                .get("/v1/reports")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("from"))
                .body("errors[0].message", containsString("ISO-8601"));
    }

    @Test
    void anEmptyReportRangeIsAProblem() {
        given().queryParam("modelVersion", "1.0.0")
                .queryParam("from", "2026-03-02T10:00:00Z")
                .queryParam("to", "2026-03-02T10:00:00Z")
                .get("/v1/reports")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void armStatsOfAnUnknownExperimentAreNotFound() {
        ReadinessChecks.assertReady();

        given().get("/v1/experiments/{id}/arm-stats", "no-such-experiment")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("id"));
    }

    private static String topic(java.util.Optional<String> configured) {
        return configured.orElseThrow(() -> new IllegalStateException("TestTopics sets every analyzer topic."));
    }
}
