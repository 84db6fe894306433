package io.autoloop.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoloop.simulator.http.BatchOutcome;
import io.autoloop.simulator.http.CollectorClient;
import io.autoloop.simulator.http.EventInput;
import io.autoloop.simulator.http.JsonHttp;
import io.autoloop.simulator.http.RankOutcome;
import io.autoloop.simulator.http.RankRequest;
import io.autoloop.simulator.http.RankResponse;
import io.autoloop.simulator.http.Reply;
import io.autoloop.simulator.http.RetryPolicy;
import io.autoloop.simulator.http.RouterClient;
import io.autoloop.simulator.http.Targets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP APIs of one {@link Loop}, called as an app and an operator would: ranking and feedback with the app key
 * (through the simulated app's clients), the retrainer's model API, the router's experiment API and each service's
 * Prometheus metrics.
 */
final class LoopApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Loop loop;
    private final JsonHttp http = new JsonHttp(RetryPolicy.DEFAULT, Clock.systemUTC());
    private final HttpClient text = HttpClient.newHttpClient();
    private final RouterClient router;
    private final CollectorClient collector;

    LoopApi(Loop loop) {
        this.loop = loop;
        Targets targets = new Targets(loop.router(), loop.collector(), Loop.API_KEY, Loop.ADMIN_KEY);
        this.router = new RouterClient(http, targets);
        this.collector = new CollectorClient(http, targets, Clock.systemUTC());
    }

    /** {@code POST /v1/rank}; fails unless the router ranked. */
    RankResponse rank(RankRequest request) throws InterruptedException {
        RankOutcome outcome = rankOutcome(request);
        if (outcome instanceof RankOutcome.Ranked ranked) {
            return ranked.response();
        }
        throw new AssertionError("The router did not rank " + request.userId() + ": " + outcome);
    }

    /** {@code POST /v1/rank} as the router answered it: ranked, refused with a final status, or unavailable. */
    RankOutcome rankOutcome(RankRequest request) throws InterruptedException {
        return router.rank(request);
    }

    /** {@code POST /v1/events} with one batch. */
    BatchOutcome send(List<EventInput> events) throws InterruptedException {
        return collector.send(events);
    }

    /** {@code POST /v1/events} with one batch, to the collector at {@code replica} (another replica of the loop's). */
    BatchOutcome sendThrough(URI replica, List<EventInput> events) throws InterruptedException {
        Targets targets = new Targets(loop.router(), replica, Loop.API_KEY, Loop.ADMIN_KEY);
        return new CollectorClient(http, targets, Clock.systemUTC()).send(events);
    }

    /** The retrainer's {@code GET /v1/models}. */
    JsonNode models() throws InterruptedException {
        return json(loop.retrainer().resolve("/v1/models?limit=10"), Loop.ADMIN_KEY);
    }

    /** The retrainer's {@code POST /v1/models/publish}: the gate's decision on the learner as it is now. */
    JsonNode publish() throws InterruptedException {
        Reply reply = http.post(loop.retrainer().resolve("/v1/models/publish"), Loop.ADMIN_KEY, Map::of);
        if (reply.status() != 201 && reply.status() != 200) {
            throw new AssertionError("POST /v1/models/publish answered " + reply.status() + ": " + text(reply));
        }
        return tree(reply);
    }

    /**
     * The retrainer's {@code POST /v1/models/{name}/lineages} with {@code configuration}: the lineage created (201) or
     * the one with the same configuration (200).
     */
    JsonNode createLineage(Map<String, Object> configuration) throws InterruptedException {
        Reply reply = http.post(
                loop.retrainer().resolve("/v1/models/" + loop.model() + "/lineages"),
                Loop.ADMIN_KEY,
                () -> configuration);
        if (reply.status() != 201 && reply.status() != 200) {
            throw new AssertionError(
                    "POST /v1/models/" + loop.model() + "/lineages answered " + reply.status() + ": " + text(reply));
        }
        return tree(reply);
    }

    /** The retrainer's {@code GET /v1/models/{name}/lineages}: every lineage of this loop's model. */
    JsonNode lineages() throws InterruptedException {
        return json(loop.retrainer().resolve("/v1/models/" + loop.model() + "/lineages"), Loop.ADMIN_KEY);
    }

    /** The experiments of this loop's model (detail views, with their histories), newest first. */
    List<JsonNode> experimentsOfModel() throws InterruptedException {
        List<JsonNode> ofModel = new ArrayList<>();
        for (JsonNode experiment : experiments()) {
            if (loop.model().equals(experiment.path("model").asText())) {
                ofModel.add(json(
                        loop.router()
                                .resolve("/v1/experiments/"
                                        + experiment.path("id").asText()),
                        Loop.ADMIN_KEY));
            }
        }
        return ofModel;
    }

    /** The router's {@code GET /v1/experiments} (of every model in this Redis), newest first. */
    List<JsonNode> experiments() throws InterruptedException {
        List<JsonNode> experiments = new ArrayList<>();
        json(loop.router().resolve("/v1/experiments"), Loop.ADMIN_KEY).forEach(experiments::add);
        return experiments;
    }

    /**
     * The experiment (detail view, with its history) of this loop's model whose challenger is {@code version}, if
     * there is one.
     */
    Optional<JsonNode> experimentOf(String version) throws InterruptedException {
        for (JsonNode experiment : experiments()) {
            if (loop.model().equals(experiment.path("model").asText())
                    && version.equals(experiment.path("challenger").asText())) {
                return Optional.of(json(
                        loop.router()
                                .resolve("/v1/experiments/"
                                        + experiment.path("id").asText()),
                        Loop.ADMIN_KEY));
            }
        }
        return Optional.empty();
    }

    /**
     * The sum of the Prometheus counter {@code name} per value of its tag {@code tag}, from a service's
     * {@code /q/metrics}.
     */
    Map<String, Double> counters(URI service, String name, String tag) throws InterruptedException {
        HttpResponse<String> metrics;
        try {
            metrics = text.send(
                    HttpRequest.newBuilder(service.resolve("/q/metrics"))
                            .timeout(TIMEOUT)
                            .header("Accept", "text/plain")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + service + "/q/metrics failed: " + e.getMessage(), e);
        }
        if (metrics.statusCode() != 200) {
            throw new AssertionError("GET " + service + "/q/metrics answered " + metrics.statusCode() + ".");
        }
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} ([0-9.eE+-]+)$", Pattern.MULTILINE);
        Pattern label = Pattern.compile(Pattern.quote(tag) + "=\"([^\"]*)\"");
        Map<String, Double> values = new TreeMap<>();
        Matcher matcher = line.matcher(metrics.body());
        while (matcher.find()) {
            Matcher tagValue = label.matcher(matcher.group(1));
            if (tagValue.find()) {
                values.merge(tagValue.group(1), Double.parseDouble(matcher.group(2)), Double::sum);
            }
        }
        return values;
    }

    private JsonNode json(URI uri, String key) throws InterruptedException {
        Reply reply = http.get(uri, key, TIMEOUT);
        if (reply.status() != 200) {
            throw new AssertionError("GET " + uri + " answered " + reply.status() + ": " + text(reply));
        }
        return tree(reply);
    }

    private JsonNode tree(Reply reply) {
        try {
            return http.mapper().readTree(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + text(reply), e);
        }
    }

    private static String text(Reply reply) {
        return reply.failure() != null ? reply.failure() : new String(reply.body(), StandardCharsets.UTF_8);
    }
}
