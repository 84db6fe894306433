package io.autoloop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoloop.contracts.Topics;
import io.autoloop.testing.fuzz.Endpoint;
import io.autoloop.testing.fuzz.FuzzReport;
import io.autoloop.testing.fuzz.FuzzSettings;
import io.autoloop.testing.fuzz.Fuzzer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole loop under hostile requests: while the simulated app uses the four packaged services, rounds of hostile
 * requests (see {@code io.autoloop.testing.fuzz.Attack}) go to the collector's and the router's public endpoints for
 * {@value #HOSTILE_MINUTES} minutes, among them rankings whose feature values would poison an FTRL learner
 * ({@code 1e200}, {@code -1e300}). Every hostile request is answered with a success or a problem, no service exits,
 * the retrainer keeps learning and publishing versions, and the router keeps swapping them in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileTrafficIT {

    private static final int HOSTILE_MINUTES = 3;
    private static final int ROUND = 50;
    /** The collector's body limit in the local profile (collector.limits.max-request-bytes). */
    private static final long COLLECTOR_BODY_LIMIT = 512L * 1024;
    /** The router's body limit (quarkus.http.limits.max-body-size). */
    private static final long ROUTER_BODY_LIMIT = 4L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Loop loop;
    private LoopApi api;

    @BeforeAll
    void startLoopAndTraffic() throws InterruptedException {
        loop = Loop.start("hostile", Map.of());
        api = new LoopApi(loop);
        loop.simulate(List.of("--seed", "7", "--rate", "40", "--threads", "2"));
    }

    @AfterAll
    void stop() {
        if (loop != null) {
            loop.close();
        }
    }

    @Test
    void hostileRequestsAmongTheAppsTrafficAreRefusedAndTheLoopKeepsLearningAndRollingOut() throws Exception {
        // Given the loop serving the simulated app, with a champion published,
        Eventually.await(
                "a champion",
                Duration.ofMinutes(2),
                Duration.ofSeconds(1),
                loop::assertRunning,
                () -> api.models().path("champion").asText(""),
                champion -> !champion.isEmpty());
        Instant start = Instant.now();
        long learnedBefore = api.models().path("trainer").path("samplesSeen").asLong();

        // when hostile requests and poisonous rankings go to the collector and the router for minutes,
        List<Endpoint> endpoints = List.of(
                Endpoint.of(
                                "e2e collector POST /v1/events",
                                "POST",
                                "/v1/events",
                                Loop.API_KEY,
                                Loop.ADMIN_KEY,
                                COLLECTOR_BODY_LIMIT)
                        .withBody(json("{\"events\":[{\"eventId\":\"e2e-hostile-1\",\"type\":\"click\",\"userId\":"
                                + "\"hostile-user\",\"itemId\":\"news\",\"decisionId\":\"undefined\",\"timestamp\":\""
                                + start + "\",\"context\":{\"device\":\"mobile\"}}]}")),
                Endpoint.of(
                                "e2e router POST /v1/rank",
                                "POST",
                                "/v1/rank",
                                Loop.API_KEY,
                                Loop.ADMIN_KEY,
                                ROUTER_BODY_LIMIT)
                        .withBody(rankRequest(1.0)),
                Endpoint.of(
                                "e2e router POST /v1/rank (poison)",
                                "POST",
                                "/v1/rank",
                                Loop.API_KEY,
                                Loop.ADMIN_KEY,
                                ROUTER_BODY_LIMIT)
                        .withBody(rankRequest(1e200)));
        List<FuzzReport> reports = new ArrayList<>();
        long seed =
                Long.getLong("autoloop.fuzz.seed", ThreadLocalRandom.current().nextLong());
        Instant end = start.plus(Duration.ofMinutes(HOSTILE_MINUTES));
        for (int round = 0; Instant.now().isBefore(end); round++) {
            for (Endpoint endpoint : endpoints) {
                URI base = endpoint.path().equals("/v1/events") ? loop.collector() : loop.router();
                reports.add(Fuzzer.against(base, new FuzzSettings(ROUND, seed + round, OptionalLong.empty()))
                        .run(endpoint));
            }
            loop.assertRunning();
        }

        // then every hostile request got a success or a problem and no service exited,
        reports.forEach(FuzzReport::assertEveryAnswerIsASuccessOrAProblem);
        int sent = reports.stream().mapToInt(FuzzReport::sent).sum();
        System.out.println("e2e hostile traffic: " + sent + " hostile requests in " + reports.size() + " rounds, "
                + reports.stream().mapToInt(FuzzReport::serverErrors).sum() + " 5xx");
        System.out.println("e2e hostile traffic: dead letters by source and reason "
                + loop.values(Topics.FEEDBACK_REJECTED).stream()
                        .collect(Collectors.groupingBy(
                                rejected -> rejected.source() + "/" + rejected.reason(),
                                TreeMap::new,
                                Collectors.counting())));
        loop.assertRunning();
        // the retrainer went on learning and publishing versions,
        JsonNode models = Eventually.await(
                "two versions published after the hostile traffic began",
                Duration.ofMinutes(2),
                Duration.ofSeconds(2),
                loop::assertRunning,
                api::models,
                list -> publishedSince(list, start) >= 2);
        assertThat(models.path("trainer").path("samplesSeen").asLong()).isGreaterThan(learnedBefore);
        assertThat(models.path("trainer").path("role").asText()).isEqualTo("active");
        // and the router kept refreshing the champion with them: it serves a version published after it began.
        Eventually.await(
                "the champion to be a version published after the hostile traffic began",
                Duration.ofMinutes(2),
                Duration.ofSeconds(2),
                loop::assertRunning,
                api::models,
                list -> championPublishedSince(list, start));
    }

    private static boolean championPublishedSince(JsonNode models, Instant start) {
        String champion = models.path("champion").asText("");
        for (JsonNode version : models.path("versions")) {
            if (champion.equals(version.path("version").asText())) {
                return Instant.parse(version.path("createdAt").asText()).isAfter(start);
            }
        }
        return false;
    }

    private static long publishedSince(JsonNode models, Instant start) {
        long count = 0;
        for (JsonNode version : models.path("versions")) {
            if (Instant.parse(version.path("createdAt").asText()).isAfter(start)) {
                count++;
            }
        }
        return count;
    }

    private static JsonNode rankRequest(double quality) {
        ObjectNode request = (ObjectNode) json("{\"userId\":\"hostile-user\",\"user\":{\"segment\":\"s1\"},"
                + "\"context\":{\"device\":\"mobile\"},\"candidates\":[{\"itemId\":\"news\",\"features\":"
                + "{\"category\":\"news\"}},{\"itemId\":\"sport\",\"features\":{\"category\":\"sport\"}}],"
                + "\"limit\":2}");
        ((ObjectNode) request.path("candidates").get(0).path("features")).put("quality", quality);
        ((ObjectNode) request.path("user")).put("score", quality == 1.0 ? 1.0 : -1e300);
        return request;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
