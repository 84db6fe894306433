package io.autoloop.simulator.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins for the ab-router and the feedback-collector on 127.0.0.1 (one in-process HTTP server on a free port)
 * that record every request. The router ranks candidates in reverse order; the collector answers its first request
 * with 503 and {@code Retry-After: 1}, then 202, rejecting the first event of its second answered request.
 */
final class StubServices implements AutoCloseable {

    /** One request as the stub received it. */
    record Received(String authorization, String contentType, JsonNode body, int status) {}

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final List<Received> ranks = new CopyOnWriteArrayList<>();
    private final List<Received> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger decisions = new AtomicInteger();
    private final AtomicInteger eventCalls = new AtomicInteger();

    StubServices() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/rank", this::rank);
        server.createContext("/v1/events", this::events);
        server.createContext(
                "/v1/experiments",
                exchange -> answer(
                        exchange,
                        "Bearer admin".equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 200 : 401,
                        "[{\"id\": \"ctr-1\", \"phase\": \"PROGRESSING\", \"challengerBuckets\": 500}]",
                        null));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Received> ranks() {
        return ranks;
    }

    List<Received> events() {
        return events;
    }

    private void rank(HttpExchange exchange) throws IOException {
        JsonNode body = mapper.readTree(exchange.getRequestBody());
        ObjectNode answer = mapper.createObjectNode()
                .put("decisionId", "d-" + decisions.incrementAndGet())
                .put("experimentId", "ctr-1")
                .put("arm", "champion")
                .put("modelVersion", "0.1.0");
        ArrayNode items = answer.putArray("items");
        JsonNode candidates = body.path("candidates");
        int shown = Math.min(body.path("limit").asInt(), candidates.size());
        for (int k = 0; k < shown; k++) {
            items.addObject()
                    .put(
                            "itemId",
                            candidates
                                    .get(candidates.size() - 1 - k)
                                    .path("itemId")
                                    .asText())
                    .put("score", 1.0 / (k + 1))
                    .put("position", k + 1);
        }
        ranks.add(received(exchange, body, 200));
        answer(exchange, 200, mapper.writeValueAsString(answer), null);
    }

    private void events(HttpExchange exchange) throws IOException {
        JsonNode body = mapper.readTree(exchange.getRequestBody());
        int call = eventCalls.incrementAndGet();
        if (call == 1) {
            events.add(received(exchange, body, 503));
            answer(
                    exchange,
                    503,
                    "{\"title\": \"Service Unavailable\", \"status\": 503, \"detail\": \"Kafka is away.\"}",
                    "1");
            return;
        }
        int n = body.path("events").size();
        int rejected = call == 2 ? 1 : 0;
        ObjectNode answer =
                mapper.createObjectNode().put("accepted", n - rejected).put("duplicates", 0);
        ArrayNode rejections = answer.putArray("rejected");
        if (rejected == 1) {
            rejections
                    .addObject()
                    .put("index", 0)
                    .put("eventId", body.path("events").get(0).path("eventId").asText())
                    .putArray("errors")
                    .addObject()
                    .put("field", "events[0].timestamp")
                    .put("message", "The event time is 31 days in the past.");
        }
        events.add(received(exchange, body, 202));
        answer(exchange, 202, mapper.writeValueAsString(answer), null);
    }

    private static Received received(HttpExchange exchange, JsonNode body, int status) {
        return new Received(
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                body,
                status);
    }

    private static void answer(HttpExchange exchange, int status, String json, String retryAfter) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
