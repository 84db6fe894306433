package io.autoloop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.Decision;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.contracts.Topics;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.simulator.http.BatchOutcome;
import io.autoloop.simulator.http.EventInput;
import io.autoloop.simulator.http.RankOutcome;
import io.autoloop.simulator.http.RankRequest;
import io.autoloop.simulator.http.RankResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every ranking the router answered is one {@link Decision} on {@code serving.decisions}, and one it refused none; every
 * event the collector acknowledged is accounted for exactly once downstream: as part of the one {@link LabelledSample}
 * of the item it is about, or as a rejection counted by reason, on a loop of its own. {@code feedback.events} is
 * at-least-once: events sent again in later requests, through a second collector replica and after the analyzer was
 * killed with SIGKILL and replaced, are published again and dropped by the analyzer, so each sample still appears once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconciliationIT {

    private static final int USERS = 30;
    private static final int SHOWN = 3;
    private static final List<String> CATALOGUE = List.of("news", "sport", "drama", "music", "kids");

    private Loop loop;
    private LoopApi api;

    @BeforeAll
    void startLoop() throws InterruptedException {
        // The demo's 20 s attribution window rather than the tests' 4 s: the feedback is sent after all 30 rankings,
        // which on a loaded machine can take longer than 4 s, and feedback after its window is (rightly) late.
        loop = Loop.start(
                "reconciliation",
                Map.of(
                        "error-analyzer",
                        Map.of("analyzer.attribution.window", "PT20S", "analyzer.attribution.grace", "PT5S")));
        api = new LoopApi(loop);
    }

    @AfterAll
    void stop() {
        if (loop != null) {
            loop.close();
        }
    }

    @Test
    void everyAcknowledgedEventIsASampleOrACountedRejectionExactlyOnce() throws Exception {
        // Given 30 users, each shown the top 3 of 5 candidates by the router: 90 served items.
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<RankResponse> decisions = new ArrayList<>();
        Map<String, String> userOf = new HashMap<>();
        for (int i = 0; i < USERS; i++) {
            String user = "recon-" + run + "-u" + i;
            RankResponse ranked = api.rank(new RankRequest(
                    user,
                    Map.of("segment", "s" + i % 4),
                    Map.of("device", "mobile"),
                    CATALOGUE.stream()
                            .map(item -> new RankRequest.Candidate(item, Map.of("category", item)))
                            .toList(),
                    SHOWN));
            assertThat(ranked.items()).hasSize(SHOWN);
            decisions.add(ranked);
            userOf.put(ranked.decisionId(), user);
        }
        // and one ranking the router refuses before it decides anything, since its decision would not fit in a record
        // of serving.decisions: 100 slots, each repeating a user of 100 features of 100 characters.
        RankOutcome tooLargeToLog = api.rankOutcome(new RankRequest(
                "recon-" + run + "-wide",
                IntStream.range(0, 100).boxed().collect(Collectors.toMap(i -> "f" + i, i -> (Object) "v".repeat(100))),
                Map.of(),
                IntStream.range(0, 100)
                        .mapToObj(i -> new RankRequest.Candidate("item-" + i, Map.of()))
                        .toList(),
                100));
        assertThat(tooLargeToLog)
                .isInstanceOfSatisfying(
                        RankOutcome.Refused.class,
                        refused -> assertThat(refused.status()).isEqualTo(413));

        // Then the router logged one decision per ranking it answered, none for the refused one, and lost none.
        List<Decision> logged = Eventually.await(
                "one decision per ranking",
                Duration.ofMinutes(1),
                Duration.ofSeconds(1),
                loop::assertRunning,
                () -> loop.values(Topics.SERVING_DECISIONS),
                all -> all.size() >= USERS);
        assertThat(logged.stream().map(Decision::decisionId).sorted().toList())
                .isEqualTo(decisions.stream()
                        .map(RankResponse::decisionId)
                        .sorted()
                        .toList());
        assertThat(sum(api.counters(loop.router(), "autoloop_decisions_failed_total", "reason"))
                        + sum(api.counters(loop.router(), "autoloop_decisions_dropped_total", "reason")))
                .isZero();

        // When the app reports what the users did, with some events that cannot be attributed,
        Events events = new Events();
        Set<String> clicked = new HashSet<>();
        for (int d = 0; d < decisions.size(); d++) {
            RankResponse decision = decisions.get(d);
            String user = userOf.get(decision.decisionId());
            for (String item : decision.shownItemIds()) {
                events.add(EventType.IMPRESSION, user, item, decision.decisionId(), null);
            }
            if (d % 2 == 0) {
                String top = decision.shownItemIds().get(0);
                clicked.add(decision.decisionId() + "/" + top);
                events.add(EventType.CLICK, user, top, decision.decisionId(), null);
                events.add(EventType.DWELL, user, top, decision.decisionId(), 0.95);
            }
        }
        List<EventInput> attributable = List.copyOf(events.all);
        String anyUser = userOf.get(decisions.get(0).decisionId());
        for (int i = 0; i < 8; i++) {
            events.expectRejected(
                    "unknown-decision",
                    EventType.CLICK,
                    anyUser,
                    "news",
                    UUID.randomUUID().toString(),
                    null);
        }
        for (int i = 0; i < 6; i++) {
            events.expectRejected("no-decision-id", EventType.CLICK, anyUser, "news", null, null);
        }
        for (int i = 0; i < 4; i++) {
            RankResponse decision = decisions.get(i);
            events.expectRejected(
                    "unknown-item",
                    EventType.CLICK,
                    userOf.get(decision.decisionId()),
                    "never-shown",
                    decision.decisionId(),
                    null);
        }
        // three events in the same request that the collector refuses itself (a rating must be 1 to 5),
        List<EventInput> invalid = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            invalid.add(events.event(
                    EventType.RATING, anyUser, "news", decisions.get(0).decisionId(), 9.0));
        }
        List<EventInput> request = new ArrayList<>(events.all);
        request.addAll(invalid);
        BatchOutcome first = api.send(request);
        // and five events sent a second time, in a later request, through a second replica of the collector.
        URI replica = loop.startCollectorReplica();
        BatchOutcome again = api.sendThrough(replica, attributable.subList(0, 5));

        // Then the collectors acknowledged each valid event, the repeats too (at-least-once),
        int accepted = events.all.size();
        assertThat(first.accepted()).as(first.toString()).isEqualTo(accepted);
        assertThat(first.rejected()).as(first.toString()).isEqualTo(3);
        assertThat(again.accepted()).as(again.toString()).isEqualTo(5);
        assertThat(again.duplicates()).as(again.toString()).isZero();
        assertThat(sum(api.counters(loop.collector(), "autoloop_events_accepted_total", "type")))
                .isEqualTo(accepted);
        assertThat(sum(api.counters(replica, "autoloop_events_accepted_total", "type")))
                .isEqualTo(5);

        // the analyzer accounted for each of them exactly once: attributed, unattributed with its reason, or dropped
        // as a duplicate of an event it had taken,
        Map<String, Double> expectedUnattributed =
                Map.of("unknown-decision", 8.0, "no-decision-id", 6.0, "unknown-item", 4.0, "duplicate", 5.0);
        Map<String, Double> expectedAttributed =
                Map.of("impression", (double) USERS * SHOWN, "click", USERS / 2.0, "dwell", USERS / 2.0);
        Eventually.await(
                "the analyzer to account for all " + (accepted + 5) + " events",
                Duration.ofMinutes(2),
                Duration.ofSeconds(1),
                loop::assertRunning,
                () -> sum(api.counters(loop.analyzer(), "autoloop_feedback_attributed_total", "type"))
                        + sum(api.counters(loop.analyzer(), "autoloop_feedback_unattributed_total", "reason")),
                total -> total >= accepted + 5);
        assertThat(api.counters(loop.analyzer(), "autoloop_feedback_duplicates_total", "app"))
                .isEqualTo(Map.of("demo", 5.0));
        assertThat(nonZero(api.counters(loop.analyzer(), "autoloop_feedback_attributed_total", "type")))
                .isEqualTo(expectedAttributed);
        assertThat(nonZero(api.counters(loop.analyzer(), "autoloop_feedback_unattributed_total", "reason")))
                .isEqualTo(expectedUnattributed);

        // with one sample per served item, labelled by its click,
        List<LabelledSample> samples = Eventually.await(
                "one sample per served item",
                Duration.ofMinutes(1),
                Duration.ofSeconds(1),
                loop::assertRunning,
                () -> loop.values(Topics.TRAINING_SAMPLES),
                all -> all.size() >= USERS * SHOWN);
        Map<String, Integer> labels = new TreeMap<>();
        for (LabelledSample sample : samples) {
            assertThat(labels.put(sample.decisionId() + "/" + sample.itemId(), sample.label()))
                    .as("a second sample of " + sample.decisionId() + "/" + sample.itemId())
                    .isNull();
        }
        Map<String, Integer> expectedLabels = new TreeMap<>();
        for (RankResponse decision : decisions) {
            for (String item : decision.shownItemIds()) {
                String key = decision.decisionId() + "/" + item;
                expectedLabels.put(key, clicked.contains(key) ? 1 : 0);
            }
        }
        assertThat(labels).isEqualTo(expectedLabels);

        // and when the analyzer is killed with SIGKILL and replaced by one that restores its stores from the
        // changelogs, every attributable event sent a third time is dropped too: no sample appears twice.
        loop.killAndReplaceAnalyzer();
        BatchOutcome third = api.send(attributable);
        assertThat(third.accepted()).as(third.toString()).isEqualTo(attributable.size());
        Eventually.await(
                "the replaced analyzer to drop the " + attributable.size() + " events sent a third time",
                Duration.ofMinutes(2),
                Duration.ofSeconds(1),
                loop::assertRunning,
                () -> api.counters(loop.analyzer(), "autoloop_feedback_duplicates_total", "app")
                        .getOrDefault("demo", 0.0),
                dropped -> dropped >= attributable.size());
        assertThat(sum(api.counters(loop.analyzer(), "autoloop_feedback_attributed_total", "type")))
                .isZero();
        List<String> sampled = loop.values(Topics.TRAINING_SAMPLES).stream()
                .map(sample -> sample.decisionId() + "/" + sample.itemId())
                .toList();
        assertThat(sampled).doesNotHaveDuplicates().hasSameSizeAs(samples);

        // every refused event is on feedback.rejected once, by its service and reason,
        Map<String, Set<String>> rejected = new TreeMap<>();
        for (RejectedRecord record : loop.values(Topics.FEEDBACK_REJECTED)) {
            String eventId = ContractJson.read(record.payload().getBytes(StandardCharsets.UTF_8), Map.class)
                    .get("eventId")
                    .toString();
            assertThat(rejected.computeIfAbsent(record.source() + "/" + record.reason(), reason -> new TreeSet<>())
                            .add(eventId))
                    .as("a second dead letter of " + eventId)
                    .isTrue();
        }
        Map<String, Set<String>> expectedRejected = new TreeMap<>(events.rejectedIds());
        expectedRejected.put(
                "feedback-collector/validation",
                invalid.stream().map(EventInput::eventId).collect(Collectors.toCollection(TreeSet::new)));
        assertThat(rejected).isEqualTo(expectedRejected);

        // and the retrainer consumed each sample once.
        Eventually.await(
                "the retrainer to consume the " + samples.size() + " samples",
                Duration.ofMinutes(1),
                Duration.ofSeconds(1),
                loop::assertRunning,
                () -> api.models().path("trainer").path("recordsConsumed").asLong(),
                consumed -> consumed == samples.size());
        assertThat(loop.values(Topics.TRAINING_SAMPLES)).hasSameSizeAs(samples);
    }

    /** The events of the test, with the ones the analyzer is expected to refuse kept by reason. */
    private static final class Events {

        final List<EventInput> all = new ArrayList<>();
        private final Map<String, Set<String>> rejected = new TreeMap<>();

        EventInput event(EventType type, String user, String item, String decisionId, Double value) {
            Instant now = Instant.now();
            return new EventInput(
                    UUID.randomUUID().toString(),
                    type,
                    user,
                    item,
                    decisionId,
                    now,
                    now,
                    value,
                    Map.of("device", "mobile"),
                    true);
        }

        void add(EventType type, String user, String item, String decisionId, Double value) {
            all.add(event(type, user, item, decisionId, value));
        }

        void expectRejected(String reason, EventType type, String user, String item, String decisionId, Double value) {
            EventInput event = event(type, user, item, decisionId, value);
            all.add(event);
            rejected.computeIfAbsent("error-analyzer/" + reason, r -> new TreeSet<>())
                    .add(event.eventId());
        }

        Map<String, Set<String>> rejectedIds() {
            return rejected;
        }
    }

    private static double sum(Map<String, Double> counters) {
        return counters.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static Map<String, Double> nonZero(Map<String, Double> counters) {
        Map<String, Double> nonZero = new TreeMap<>();
        counters.forEach((tag, value) -> {
            if (value > 0) {
                nonZero.put(tag, value);
            }
        });
        return nonZero;
    }
}
