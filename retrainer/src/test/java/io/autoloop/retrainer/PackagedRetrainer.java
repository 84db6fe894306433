package io.autoloop.retrainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoloop.contracts.auth.ApiKeys;
import io.autoloop.testing.LocalStack;
import io.autoloop.testing.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The packaged retrainer ({@code target/quarkus-app/quarkus-run.jar}, path in the system property {@code retrainer.jar})
 * as a process of its own in the prod profile against the local stack, for tests that kill it for real and for the
 * end-to-end benchmark: how it is started, and its {@code GET /v1/models} read as JSON.
 */
public final class PackagedRetrainer {

    /**
     * The admin key of the packaged process: a key of the tests' own, since the prod profile refuses the hash of the
     * published development key.
     */
    public static final String ADMIN_KEY = "packaged-retrainer-test-admin-key";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PackagedRetrainer() {}

    /**
     * Starts the jar for {@code model} on the samples topic {@code topic}, with {@link #ADMIN_KEY} and the given extra
     * settings ({@code retrainer.*} keys and values), logging to {@code log}.
     */
    public static ServiceProcess start(String model, String topic, Map<String, String> settings, Path log) {
        String jar = System.getProperty("retrainer.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("The packaged retrainer is missing at '" + jar
                    + "'; run the tests through Maven (./mvnw -pl retrainer verify) so `package` builds it first.");
        }
        return ServiceProcess.quarkus(Path.of(jar))
                .name("retrainer " + model)
                .jvmOptions(List.of("-Xmx512m"))
                .property("kafka.bootstrap.servers", LocalStack.KAFKA)
                .property("quarkus.redis.hosts", LocalStack.REDIS)
                .property("quarkus.log.console.json.enabled", "false")
                .property("retrainer.model-name", model)
                .property("retrainer.samples-topic", topic)
                .property("retrainer.admin-key-hash", ApiKeys.hashOf(ADMIN_KEY))
                .properties(settings)
                .log(log)
                .start();
    }

    /** The {@code trainer} part of {@code GET /v1/models}, or null when the process does not answer. */
    public static JsonNode trainer(ServiceProcess retrainer) {
        JsonNode models = get(retrainer, "/v1/models");
        return models == null ? null : models.get("trainer");
    }

    /**
     * {@code POST path} with the JSON {@code body} and {@link #ADMIN_KEY}.
     *
     * @return the status and the body as JSON
     */
    public static Map.Entry<Integer, JsonNode> postAsAdmin(ServiceProcess retrainer, String path, String body) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(retrainer.uri().resolve(path))
                            .timeout(Duration.ofSeconds(5))
                            .header("Authorization", "Bearer " + ADMIN_KEY)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return Map.entry(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during POST " + path + ".", e);
        }
    }

    /** {@code GET path} as JSON, or null when the process does not answer 200. */
    public static JsonNode get(ServiceProcess retrainer, String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(retrainer.uri().resolve(path))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
