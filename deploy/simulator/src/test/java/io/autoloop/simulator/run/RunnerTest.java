package io.autoloop.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoloop.simulator.http.JsonHttp;
import io.autoloop.simulator.http.RetryPolicy;
import io.autoloop.simulator.http.Targets;
import io.autoloop.simulator.replay.ObdFolder;
import io.autoloop.simulator.replay.ObdImpression;
import io.autoloop.simulator.replay.ObdLog;
import io.autoloop.simulator.replay.ReplayTraffic;
import io.autoloop.simulator.world.Item;
import io.autoloop.simulator.world.RankingValue;
import io.autoloop.simulator.world.Visit;
import io.autoloop.simulator.world.World;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runner and its HTTP clients against in-process stand-ins for the router and the collector. */
class RunnerTest {

    private StubServices services;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeEach
    void startServices() throws Exception {
        services = new StubServices();
    }

    @AfterEach
    void stopServices() {
        services.close();
    }

    /** Two ranking threads, hence one sender: the collector sees batches one at a time, in order. */
    private Runner runner(long requests) {
        RunSettings settings = new RunSettings(
                500,
                null,
                requests,
                null,
                2,
                100,
                Duration.ofMillis(20),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                "ctr");
        Targets targets = new Targets(services.url(), services.url(), "test-key", "admin");
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        // Records the waits instead of sleeping: the test checks which wait was asked for, not how long it took.
        JsonHttp http = new JsonHttp(RetryPolicy.DEFAULT, Clock.systemUTC(), waits::add);
        return new Runner(settings, targets, new Console(out, out, false), Clock.systemUTC(), http);
    }

    @Test
    void worldRunSendsWellFormedRequestsRetriesAfterRetryAfterAndAccountsForEveryEvent() throws Exception {
        World world = World.generate(1, 40, 60);
        Tally.Snapshot result = runner(12).run("world test", new WorldTraffic(world, 20, 5, "run-1"));

        // ranking requests: the app's key, user features, context and candidates with item features
        assertThat(services.ranks()).hasSize(12).allSatisfy(rank -> {
            assertThat(rank.authorization()).isEqualTo("Bearer test-key");
            assertThat(rank.contentType()).isEqualTo("application/json");
            JsonNode body = rank.body();
            assertThat(body.path("userId").asText()).startsWith("w1-u");
            assertThat(body.path("context").path("device").isTextual()).isTrue();
            assertThat(fieldNames(body.path("user"))).containsOnly("segment", "age_band", "activity");
            assertThat(body.path("candidates")).hasSize(20);
            assertThat(fieldNames(body.path("candidates").get(0).path("features")))
                    .containsOnly("category", "price_band", "quality");
            assertThat(body.path("limit").asInt()).isEqualTo(5);
        });

        // the first batch met a 503 with Retry-After: 1 and was sent again as it was, with a fresh sentAt
        List<StubServices.Received> calls = services.events();
        assertThat(calls.get(0).status()).isEqualTo(503);
        assertThat(waits).contains(Duration.ofSeconds(1));
        assertThat(ids(calls.get(1).body())).isEqualTo(ids(calls.get(0).body()));
        assertThat(Instant.parse(calls.get(1).body().at("/events/0/sentAt").asText()))
                .isAfterOrEqualTo(
                        Instant.parse(calls.get(0).body().at("/events/0/sentAt").asText()));

        // every event is well formed and answers a decision of the router
        List<JsonNode> stored = new ArrayList<>();
        calls.stream()
                .filter(call -> call.status() == 202)
                .forEach(call -> call.body().path("events").forEach(stored::add));
        assertThat(calls).allSatisfy(call -> assertThat(call.authorization()).isEqualTo("Bearer test-key"));
        assertThat(stored).allSatisfy(event -> {
            assertThat(event.path("eventId").asText()).hasSize(36);
            assertThat(event.path("type").asText()).isIn("impression", "click", "dwell", "rating", "conversion");
            assertThat(event.path("decisionId").asText()).startsWith("d-");
            assertThat(Instant.parse(event.path("sentAt").asText()))
                    .isAfterOrEqualTo(Instant.parse(event.path("timestamp").asText()));
            assertThat(event.path("consent").isBoolean()).isTrue();
        });
        assertThat(stored.stream().filter(e -> e.path("type").asText().equals("impression")))
                .hasSize(12 * 5);

        // and every event is counted once: 1 rejected by the stub, the rest accepted
        Set<String> unique = new HashSet<>();
        stored.forEach(event -> unique.add(event.path("eventId").asText()));
        assertThat(unique).hasSize(stored.size());
        assertThat(result.ranked()).isEqualTo(12);
        assertThat(result.eventsQueued()).isEqualTo(stored.size()).isEqualTo(result.eventsDrawn());
        assertThat(stored.stream().filter(e -> !e.path("type").asText().matches("impression|click")))
                .as("feedback still waiting for its delay when the run ended was sent too")
                .isNotEmpty();
        assertThat(List.of(result.accepted(), result.rejected(), result.failed(), result.dropped()))
                .containsExactly((long) stored.size() - 1, 1L, 0L, 0L);
        assertThat(result.batchRetries()).isEqualTo(1);
        assertThat(result.arms()).containsOnlyKeys("champion 0.1.0");
        assertThat(result.arms().get("champion 0.1.0").impressions()).isEqualTo(60);
        assertThat(result.experimentId()).isEqualTo("ctr-1");
        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains(
                        "world test, ran",
                        "1 × events: impression timestamp: The event time is 31 days in the past.",
                        "  % of oracle     ");

        // every ranking is valued against the oracle; the stub's scores descend, so none counts as explored
        double served = 0;
        double oracle = 0;
        for (int n = 0; n < 12; n++) {
            Visit visit = world.visit(n, 20);
            List<String> reversed = new ArrayList<>(
                    visit.candidates().stream().map(Item::itemId).toList());
            Collections.reverse(reversed);
            RankingValue value = visit.value(reversed.subList(0, 5));
            served += value.served();
            oracle += value.oracle();
        }
        assertThat(result.oracle().all().rankings()).isEqualTo(12);
        assertThat(result.oracle().unexplored().rankings()).isEqualTo(12);
        assertThat(result.oracle().all().served()).isCloseTo(served, within(1e-9));
        assertThat(result.oracle().all().oracle()).isCloseTo(oracle, within(1e-9));
    }

    @Test
    void replaySendsOneSingleCandidateRequestPerLoggedRowAndItsImpressionAndClick() throws Exception {
        // given the 20 rows of the Open Bandit log that end with its first click (bts/women, item 36 in slot 2)
        List<ObdImpression> log = ObdLog.read(ObdFolder.find(), ObdLog.POLICIES, ObdLog.CAMPAIGNS);
        int firstClick = IntStream.range(0, log.size())
                .filter(i -> log.get(i).click())
                .findFirst()
                .orElseThrow();
        ReplayTraffic traffic = new ReplayTraffic(log.subList(firstClick - 19, firstClick + 1), "run-2");

        Tally.Snapshot result = runner(0).run("replay test", traffic);

        assertThat(services.ranks()).hasSize(traffic.size()).allSatisfy(rank -> {
            assertThat(rank.body().path("candidates")).hasSize(1);
            assertThat(rank.body().path("limit").asInt()).isEqualTo(1);
            assertThat(rank.body().path("userId").asText()).startsWith("obd-");
            assertThat(rank.body().at("/context/logged_position").asText()).isIn("1", "2", "3");
            assertThat(fieldNames(rank.body().path("user")))
                    .containsExactly("user_feature_0", "user_feature_1", "user_feature_2", "user_feature_3");
        });
        List<JsonNode> stored = new ArrayList<>();
        services.events().stream()
                .filter(call -> call.status() == 202)
                .forEach(call -> call.body().path("events").forEach(stored::add));
        assertThat(stored.stream().filter(e -> e.path("type").asText().equals("impression")))
                .hasSize(traffic.size());
        assertThat(stored.stream().filter(e -> e.path("type").asText().equals("click")))
                .singleElement()
                .satisfies(click -> {
                    assertThat(click.path("itemId").asText()).isEqualTo("women-36");
                    assertThat(click.at("/context/policy").asText()).isEqualTo("bts");
                    assertThat(click.at("/context/logged_position").asInt()).isEqualTo(2);
                });
        assertThat(result.ranked()).isEqualTo(traffic.size());
        assertThat(result.eventsSettled()).isEqualTo(result.eventsQueued()).isEqualTo(traffic.size() + 1);
        assertThat(result.oracle().minutes())
                .as("a log has no true click model")
                .isEmpty();
        assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain("oracle");
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("events").forEach(event -> ids.add(event.path("eventId").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false)
                .toList();
    }
}
