package io.autoloop.collector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoloop.collector.testing.Api;
import io.autoloop.collector.testing.Events;
import io.autoloop.collector.testing.Metrics;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Many requests in flight at once, more than the Redis client has connections: every one of them is rate limited
 * through Redis, none is decided by the replica alone because the client ran out of connections; and the same requests
 * sent again are published again ({@code feedback.events} is at-least-once; the error-analyzer drops the repeats).
 *
 * <p>What this test is about is the pool: a call the pool cannot take is refused at once, whatever the timeout (with
 * Quarkus' default pool of 6 connections and 24 waiting calls, 64 concurrent requests made such refusals). A slow
 * answer is another matter, the outage that {@code RedisSilentTest} covers: on a loaded machine (a shared 2-core CI box
 * running Kafka, Redis and this JVM) 240 requests at once can keep Redis from answering within the production's 1 s,
 * so this test runs with {@link PatientRedis}'s long timeouts, and fails only on refused calls.
 */
@QuarkusTest
@TestProfile(ConcurrentIngestTest.PatientRedis.class)
class ConcurrentIngestTest {

    /** Redis calls wait long enough for a loaded machine; the pool's sizes stay the production's. */
    public static class PatientRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("collector.redis-timeout", "30s", "quarkus.redis.timeout", "30s");
        }
    }

    private static final int REQUESTS = 240;
    private static final int EVENTS_PER_REQUEST = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/v1/events")
    URI url;

    @Test
    void concurrentRequestsAreAllRateLimitedThroughRedis() throws IOException {
        List<String> bodies = IntStream.range(0, REQUESTS)
                .mapToObj(i -> Events.body(IntStream.range(0, EVENTS_PER_REQUEST)
                        .mapToObj(j -> Events.click("user-concurrent-" + i + "-" + j))
                        .toList()))
                .toList();
        double local = localDecisions();

        // when: every request is sent at once, then every one again
        List<JsonNode> first = postAllAtOnce(bodies);
        List<JsonNode> again = postAllAtOnce(bodies);

        // then: both rounds are accepted whole, and Redis answered every request's rate limit
        assertThat(first).allSatisfy(this::acceptedWhole);
        assertThat(again).allSatisfy(this::acceptedWhole);
        assertThat(localDecisions()).as("requests limited without Redis").isEqualTo(local);
    }

    private void acceptedWhole(JsonNode answer) {
        assertThat(answer.get("accepted").asInt()).isEqualTo(EVENTS_PER_REQUEST);
        assertThat(answer.get("duplicates").asInt()).isZero();
    }

    private List<JsonNode> postAllAtOnce(List<String> bodies) throws IOException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (String body : bodies) {
            HttpRequest request = HttpRequest.newBuilder(url)
                    .header("Authorization", "Bearer " + Api.DEMO_KEY)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(90))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        List<JsonNode> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : pending) {
            HttpResponse<String> response = answer.join();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            answers.add(JSON.readTree(response.body()));
        }
        return answers;
    }

    private static double localDecisions() {
        return Metrics.value("autoloop_ratelimit_local_total", "cause=\"redis-failed\"")
                + Metrics.value("autoloop_ratelimit_local_total", "cause=\"circuit-open\"");
    }
}
