package io.autoloop.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the ab-router's experiments ({@code GET /v1/experiments} with the admin key), best effort: an absent
 * endpoint, a refused key or an unreachable router just means no experiment to show. Accepts a JSON array of
 * experiments, an object holding one under {@code experiments} or {@code items}, or a single experiment; of those of
 * its model (an experiment that names no model counts as its model's), shows the first one that is not over, else the
 * most recently updated. Thread-safe.
 */
public final class ExperimentClient {

    static final String EXPERIMENTS_PATH = "/v1/experiments";
    private static final Set<String> OVER = Set.of("SUCCEEDED", "ROLLED_BACK");

    private final JsonHttp http;
    private final Targets targets;
    private final String model;

    public ExperimentClient(JsonHttp http, Targets targets, String model) {
        this.http = http;
        this.targets = targets;
        this.model = model;
    }

    /** The experiment to show, if the router answers with one. */
    public Optional<ExperimentStatus> current() throws InterruptedException {
        if (targets.adminKey() == null || targets.adminKey().isBlank()) {
            return Optional.empty();
        }
        Reply reply = http.get(targets.routerPath(EXPERIMENTS_PATH), targets.adminKey(), Duration.ofSeconds(2));
        if (!reply.success()) {
            return Optional.empty();
        }
        try {
            return choose(http.mapper().readTree(reply.body()), model);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<ExperimentStatus> choose(JsonNode json, String model) {
        List<JsonNode> experiments = new ArrayList<>();
        JsonNode list = json.isArray() ? json : json.has("experiments") ? json.get("experiments") : json.get("items");
        if (list != null && list.isArray()) {
            list.forEach(experiments::add);
        } else if (json.isObject() && json.has("id")) {
            experiments.add(json);
        }
        experiments.removeIf(experiment -> experiment.hasNonNull("model")
                && !experiment.get("model").asText().equals(model));
        JsonNode chosen = null;
        for (JsonNode experiment : experiments) {
            if (!OVER.contains(experiment.path("phase").asText().toUpperCase(Locale.ROOT))) {
                chosen = experiment;
                break;
            }
            if (chosen == null
                    || experiment
                                    .path("updatedAt")
                                    .asText()
                                    .compareTo(chosen.path("updatedAt").asText())
                            > 0) {
                chosen = experiment;
            }
        }
        return Optional.ofNullable(chosen).map(ExperimentClient::status);
    }

    private static ExperimentStatus status(JsonNode experiment) {
        Double weight = null;
        if (experiment.path("challengerWeight").isNumber()) {
            weight = experiment.get("challengerWeight").asDouble();
        } else if (experiment.path("challengerBuckets").isNumber()) {
            weight = experiment.get("challengerBuckets").asDouble() / 100.0; // 10,000 buckets = 100 %
        }
        return new ExperimentStatus(
                text(experiment, "id"),
                text(experiment, "phase"),
                weight,
                text(experiment, "champion"),
                text(experiment, "challenger"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
