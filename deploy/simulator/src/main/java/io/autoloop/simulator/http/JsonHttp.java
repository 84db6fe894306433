package io.autoloop.simulator.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * JSON over {@link HttpClient} with bearer keys and the {@link RetryPolicy}: ISO-8601 instants, nulls left out,
 * unknown fields of answers ignored (the dialect of the wire contracts). Each attempt serializes the body anew
 * (so per-attempt fields such as {@code sentAt} are fresh), and a retryable answer or an unreachable service is tried
 * again after the policy's wait. Thread-safe.
 */
public final class JsonHttp {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final ObjectMapper mapper;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Waits between attempts; {@link Thread#sleep} outside tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration wait) throws InterruptedException;
    }

    public JsonHttp(RetryPolicy policy, Clock clock) {
        this(policy, clock, wait -> Thread.sleep(wait.toMillis()));
    }

    public JsonHttp(RetryPolicy policy, Clock clock, Sleeper sleeper) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * POSTs the JSON of {@code body} (asked for again on every attempt) until a final answer or the last attempt.
     *
     * @throws InterruptedException when interrupted while sending or waiting to retry
     */
    public Reply post(URI uri, String bearerKey, Supplier<Object> body) throws InterruptedException {
        int attempt = 0;
        while (true) {
            attempt++;
            Optional<Duration> retryAfter = Optional.empty();
            Reply reply;
            try {
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Authorization", "Bearer " + bearerKey)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body.get())))
                        .build();
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                reply = new Reply(response.statusCode(), response.body(), attempt, null);
                if (!RetryPolicy.retryable(response.statusCode())) {
                    return reply;
                }
                retryAfter = RetryPolicy.parseRetryAfter(
                        response.headers().firstValue("Retry-After").orElse(null), clock.instant());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(
                        "Could not write the request body as JSON: " + e.getOriginalMessage(), e);
            } catch (IOException e) {
                reply = new Reply(0, new byte[0], attempt, describe(uri, e));
            }
            if (attempt >= policy.maxAttempts()) {
                return reply;
            }
            sleeper.sleep(policy.delayBefore(attempt, retryAfter, ThreadLocalRandom.current()));
        }
    }

    /** One GET without retries; a reply with status 0 when the service could not be reached. */
    public Reply get(URI uri, String bearerKey, Duration timeout) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Authorization", "Bearer " + bearerKey)
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.body(), 1, null);
        } catch (IOException e) {
            return new Reply(0, new byte[0], 1, describe(uri, e));
        }
    }

    /** Reads a JSON body as {@code type}; null when it is not one. */
    public <T> T read(byte[] body, Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(URI uri, IOException e) {
        String where = uri.getHost() + ":" + uri.getPort();
        if (e instanceof ConnectException) {
            return "could not connect to " + where + " (is the service running?)";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer from " + where + " in time";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + " from " + where
                + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
