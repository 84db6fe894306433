package io.autoloop.analyzer;

import io.autoloop.analyzer.config.TopicNames;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.ServedItem;
import io.autoloop.contracts.Topic;
import io.autoloop.testing.TopicAdmin;
import io.autoloop.testing.TopicWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;

/**
 * Writes the analyzer's input to the local stack's broker, as the router and the collector do: decisions keyed by
 * decision id on one run's decisions topic, feedback events keyed by user id on its feedback topic; whole
 * {@link Traffic}, and the sentinels that end a stream. Closing it waits for every write and fails if one failed.
 */
public final class AnalyzerInput implements AutoCloseable {

    private final Topic<Decision> decisions;
    private final Topic<FeedbackEvent> feedback;
    private final TopicWriter writer = TopicWriter.localStack();

    private AnalyzerInput(String decisions, String feedback) {
        this.decisions = new Topic<>(decisions, Decision.class);
        this.feedback = new Topic<>(feedback, FeedbackEvent.class);
    }

    /** Input to the decisions and feedback topics of {@code topics}. */
    public static AnalyzerInput to(TopicNames topics) {
        return to(topics.decisions(), topics.feedback());
    }

    /** Input to the topics named {@code decisions} and {@code feedback}. */
    public static AnalyzerInput to(String decisions, String feedback) {
        return new AnalyzerInput(decisions, feedback);
    }

    public void send(Decision decision) {
        writer.send(decisions, decision.decisionId(), decision);
    }

    public void send(FeedbackEvent event) {
        writer.send(feedback, event.userId(), event);
    }

    /**
     * Sends the first {@code count} decisions of {@code traffic} with their feedback, each decision before its
     * feedback; answers how many feedback events were sent.
     */
    public long sendTraffic(Traffic traffic, int count) {
        long events = 0;
        for (int i = 0; i < count; i++) {
            send(traffic.decision(i));
            for (FeedbackEvent event : traffic.feedback(i)) {
                send(event);
                events++;
            }
        }
        return events;
    }

    /**
     * Sends, for each partition of the feedback topic, a decision for a user whose id lands on that partition and a
     * feedback event for it, both stamped {@code at}, and waits until they are written: once everything before them is
     * consumed, they move both event clocks of every attribution task to {@code at} and close every window that ends
     * before. Their own labels never become final unless later records come, so they emit nothing.
     */
    public void sendSentinels(Instant at) {
        int partitions;
        try (TopicAdmin admin = TopicAdmin.localStack()) {
            partitions = admin.partitions(feedback.name());
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int partition = 0; partition < partitions; partition++) {
            String userId = null;
            for (int n = 0; userId == null; n++) {
                String candidate = "sentinel-" + run + "-" + n;
                byte[] key = candidate.getBytes(StandardCharsets.UTF_8);
                if (Utils.toPositive(Utils.murmur2(key)) % partitions == partition) {
                    userId = candidate;
                }
            }
            Decision sentinel = new Decision(
                    Decision.SCHEMA_VERSION,
                    userId,
                    userId,
                    null,
                    Arm.CHAMPION,
                    null,
                    at,
                    List.of(new ServedItem("sentinel", 1, 0.0, 1.0, Map.of())));
            send(sentinel);
            send(new FeedbackEvent(
                    FeedbackEvent.SCHEMA_VERSION,
                    userId,
                    EventType.IMPRESSION,
                    userId,
                    "sentinel",
                    sentinel.decisionId(),
                    at,
                    null,
                    null,
                    Map.of(),
                    true,
                    "sentinel",
                    at,
                    at));
        }
        writer.flush();
    }

    @Override
    public void close() {
        writer.close();
    }
}
