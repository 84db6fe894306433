package io.autoloop.retrainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoloop.testing.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged retrainer ({@code target/quarkus-app/quarkus-run.jar}, path in the system property
 * {@code retrainer.jar}) running as a separate JVM in the prod profile against the local stack, for tests that
 * need to kill it for real and for the end-to-end benchmark.
 */
public final class RetrainerProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private RetrainerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the jar for {@code model} on {@code topic}, with the dev admin key and the given extra settings
     * ({@code retrainer.*} keys and values), logging to {@code log}.
     */
    public static RetrainerProcess start(String model, String topic, Map<String, String> settings, Path log) {
        String jar = System.getProperty("retrainer.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("The packaged retrainer is missing at '" + jar
                    + "'; run the tests through Maven (./mvnw -pl retrainer verify) so `package` builds it first.");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dquarkus.http.port=" + port,
                "-Dkafka.bootstrap.servers=" + LocalStack.KAFKA,
                "-Dquarkus.redis.hosts=" + LocalStack.REDIS,
                "-Dquarkus.log.console.json.enabled=false",
                "-Dretrainer.model-name=" + model,
                "-Dretrainer.samples-topic=" + topic,
                // The hash of the development admin key, autoloop-dev-admin-key.
                "-Dretrainer.admin-key-hash=4c908e77bc32f1554cdfb691659588803c23c0714ac3fa8ba908aa22516aa9a7"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new RetrainerProcess(process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command + ".", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the retrainer.", e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The retrainer exited with " + process.exitValue() + "; see " + log);
            }
            if (status("/q/health/ready") == 200) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("The retrainer was not ready within " + timeout + "; see " + log);
    }

    /** The {@code trainer} part of {@code GET /v1/models}, or null when the process does not answer. */
    public JsonNode trainer() {
        JsonNode models = get("/v1/models");
        return models == null ? null : models.get("trainer");
    }

    /** {@code GET path} as JSON, or null when the process does not answer 200. */
    public JsonNode get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri(path))
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

    private int status(String path) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(uri(path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** SIGKILL: no shutdown hook, no final checkpoint. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** SIGTERM, then waits for the graceful shutdown (final checkpoint, lease released). */
    public void stop() {
        process.destroy();
        if (!waitFor(Duration.ofSeconds(45))) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
