package io.autoloop.collector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoloop.collector.testing.Api;
import io.autoloop.collector.testing.Events;
import io.autoloop.collector.testing.OutageBroker;
import io.autoloop.collector.testing.OutageBrokerResource;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.Topics;
import io.autoloop.testing.TopicReader;
import io.autoloop.testing.TopicRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A real outage: the collector writes to a private broker that is killed and restarted. A request refused
 * with 503 while it is down leaves nothing behind, so its retry lands exactly once.
 */
@QuarkusTest
@WithTestResource(OutageBrokerResource.class)
class BrokerOutageTest {

    @OutageBrokerResource.Broker
    OutageBroker broker;

    @Test
    void aBatchRefusedDuringAnOutageLandsExactlyOnceWhenRetried() {
        // given: a batch accepted while the broker is up
        List<ObjectNode> before =
                IntStream.range(0, 3).mapToObj(i -> Events.click("before-" + i)).toList();
        List<ObjectNode> during =
                IntStream.range(0, 5).mapToObj(i -> Events.click("during-" + i)).toList();
        Api.post(Events.body(before)).statusCode(202).body("accepted", equalTo(3));

        // when: the broker dies, a batch is refused as a whole
        broker.kill();
        Api.post(Events.body(during))
                .statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", "1")
                .body("status", equalTo(503));

        // and: once it is back, the client retries the same batch (as Retry-After says) until it is taken
        broker.start(OutageBrokerResource.TOPICS);
        ExtractableResponse<Response> retried = retryUntilAccepted(Events.body(during));
        assertThat(retried.<Integer>path("accepted")).isEqualTo(5);
        assertThat(retried.<Integer>path("duplicates")).isZero();

        // then: every event of both batches is on the topic exactly once
        Map<String, Long> copies = TopicReader.of(Topics.FEEDBACK_EVENTS).on(broker.bootstrap()).readAll().stream()
                .map(TopicRecord::value)
                .collect(Collectors.groupingBy(FeedbackEvent::eventId, Collectors.counting()));
        Map<String, Long> once = Stream.concat(before.stream(), during.stream())
                .collect(Collectors.toMap(event -> event.get("eventId").textValue(), event -> 1L));
        assertThat(copies).isEqualTo(once);
    }

    private static ExtractableResponse<Response> retryUntilAccepted(String body) {
        for (int attempt = 1; ; attempt++) {
            ExtractableResponse<Response> answer = Api.post(body).extract();
            if (answer.statusCode() != 503 || attempt == 10) {
                assertThat(answer.statusCode())
                        .as("answer to retry %d", attempt)
                        .isEqualTo(202);
                return answer;
            }
            try {
                Thread.sleep(Integer.parseInt(answer.header("Retry-After")) * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting to retry.", e);
            }
        }
    }
}
