package io.autoloop.collector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoloop.collector.config.CollectorConfig;
import io.autoloop.collector.testing.Api;
import io.autoloop.collector.testing.Events;
import io.autoloop.testing.fuzz.ApiDocument;
import io.autoloop.testing.fuzz.Endpoint;
import io.autoloop.testing.fuzz.FuzzReport;
import io.autoloop.testing.fuzz.Fuzzer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/events} under hostile requests (see {@code io.autoloop.testing.fuzz.Attack}): every answer is a 2xx
 * or a problem+json 4xx. The count per run is {@code -Dautoloop.fuzz.payloads} (the suite's bounded run by default).
 */
@QuarkusTest
class EventsFuzzTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    CollectorConfig config;

    @Test
    void everyHostileBatchIsAnsweredWithASuccessOrAProblemNeverAServerError() throws Exception {
        // given a valid batch of the event types with their optional fields, and its mutations
        ObjectNode click = Events.click("user-fuzz", "item-1", Instant.parse("2026-12-07T10:00:00Z"));
        click.put("decisionId", "decision-fuzz");
        click.putObject("context").put("device", "mobile").put("hour", 21);
        ObjectNode rating = Events.click("user-fuzz", "item-2", Instant.parse("2026-12-07T10:00:01Z"));
        rating.put("type", "rating").put("value", 4.5).put("consent", true);
        Endpoint events = Endpoint.of(
                        "collector POST /v1/events",
                        "POST",
                        "/v1/events",
                        Api.DEMO_KEY,
                        "autoloop-dev-admin-key",
                        config.limits().maxRequestBytes())
                .withBody(Events.parse(Events.body(List.of(click, rating))));

        // when they are sent
        FuzzReport report = Fuzzer.against(base).run(events);

        // then each got a success or a problem naming what was wrong, with a status its API document lists, and the
        // valid ones were taken
        report.assertEveryAnswerIsASuccessOrAProblem();
        ApiDocument.servedBy(base).assertDocumentsEveryAnswer(events, report);
        assertThat(report.serverErrors()).isZero();
        assertThat(report.statuses().values())
                .anySatisfy(byStatus -> assertThat(byStatus).containsKey(202));
    }
}
