package io.autoloop.retrainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.retrainer.domain.GateDecision;
import io.autoloop.retrainer.domain.GateReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class PublishRequestsTest {

    private final PublishRequests requests = new PublishRequests();

    @Test
    void everyWaitingRequestIsAnsweredInTheOrderItCameWithItsOwnDecision() {
        // Given
        CompletableFuture<GateDecision> first = requests.add("alice");
        CompletableFuture<GateDecision> second = requests.add("bob");
        List<String> judged = new ArrayList<>();

        // When
        List<GateDecision> decisions = requests.answerAll(actor -> {
            judged.add(actor);
            return decision(actor, "0." + (judged.size() + 1) + ".0");
        });

        // Then
        assertThat(judged).containsExactly("alice", "bob");
        assertThat(decisions).containsExactly(first.join(), second.join());
        assertThat(first.join().actor()).isEqualTo("alice");
        assertThat(second.join().version()).isEqualTo("0.3.0");
        assertThat(requests.answerAll(actor -> decision(actor, "0.9.0"))).isEmpty();
    }

    @Test
    void aFailedJudgementFailsItsRequestAndIsRethrownWhileLaterRequestsWait() {
        // Given
        CompletableFuture<GateDecision> failing = requests.add("alice");
        CompletableFuture<GateDecision> later = requests.add("bob");
        IllegalStateException refused = new IllegalStateException("The registry refused ctr 0.2.0.");

        // When
        assertThatThrownBy(() -> requests.answerAll(actor -> {
                    throw refused;
                }))
                .isSameAs(refused);

        // Then
        assertThatThrownBy(failing::get).isInstanceOf(ExecutionException.class).hasCause(refused);
        assertThat(later).isNotDone();
        assertThat(requests.answerAll(actor -> decision(actor, "0.2.0")))
                .extracting(GateDecision::actor)
                .containsExactly("bob");
    }

    @Test
    void failAllFailsEveryWaitingRequestWithTheCause() {
        CompletableFuture<GateDecision> first = requests.add("alice");
        CompletableFuture<GateDecision> second = requests.add("bob");
        StandbyException standby = new StandbyException("ctr", "other");

        requests.failAll(standby);

        assertThatThrownBy(first::get).hasCause(standby);
        assertThatThrownBy(second::get).hasCause(standby);
        assertThat(requests.answerAll(actor -> decision(actor, "0.2.0"))).isEmpty();
    }

    private static GateDecision decision(String actor, String version) {
        return new GateDecision(
                Instant.parse("2026-02-01T12:00:00Z"),
                "ctr",
                "forced",
                actor,
                "rejected",
                GateReason.HOLDOUT_TOO_SMALL,
                "The holdout window holds 0 samples.",
                version,
                "0.1.0",
                "0.1.0",
                0,
                0,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                0.002,
                Double.NaN,
                null);
    }
}
