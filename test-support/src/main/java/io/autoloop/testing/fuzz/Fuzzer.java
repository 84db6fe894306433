package io.autoloop.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Sends an endpoint's hostile requests over real HTTP, one after another, and checks every answer: a 2xx, or a 4xx
 * whose body is an {@code application/problem+json} with its status; never a 5xx, a redirect or a dropped
 * connection. A 503 with {@code Retry-After} (a slow dependency, not the input) is sent again once after the wait it
 * asks for, as a client would, and counted as retried; only its second answer is judged. Logs the seed and a summary,
 * and writes the summary to {@code target/fuzz/<endpoint>.txt}.
 */
public final class Fuzzer {

    private static final System.Logger LOG = System.getLogger(Fuzzer.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long MAX_RETRY_AFTER_SECONDS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final FuzzSettings settings;
    private final HttpClient client = newClient();

    private Fuzzer(URI base, FuzzSettings settings) {
        this.base = base;
        this.settings = settings;
    }

    /** A fuzzer of the service at {@code base} with the settings of the system properties. */
    public static Fuzzer against(URI base) {
        return new Fuzzer(base, FuzzSettings.fromSystemProperties());
    }

    /** A fuzzer of the service at {@code base} with {@code settings}. */
    public static Fuzzer against(URI base, FuzzSettings settings) {
        return new Fuzzer(base, settings);
    }

    /** Sends the endpoint's requests (all of them, or the one to replay) and reports what came back. */
    public FuzzReport run(Endpoint endpoint) throws InterruptedException {
        LOG.log(
                System.Logger.Level.INFO,
                "fuzz " + endpoint.name() + ": seed " + settings.seed() + ", " + settings.payloads() + " requests");
        HostileRequests requests = new HostileRequests(endpoint, settings.seed());
        FuzzReport report = new FuzzReport(endpoint.name(), settings);
        if (settings.only().isPresent()) {
            send(requests.request(settings.only().getAsLong()), report);
        } else {
            for (long index = 0; index < settings.payloads(); index++) {
                send(requests.request(index), report);
            }
        }
        LOG.log(System.Logger.Level.INFO, report.summary());
        write(endpoint.name(), report.summary());
        return report;
    }

    private void send(HostileRequest request, FuzzReport report) throws InterruptedException {
        HttpResponse<byte[]> response;
        try {
            response = client.send(toHttp(request), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException first) {
            // A kept-alive connection the server closed after its previous answer fails the next request before it
            // is read; only a request that gets no answer on a new connection either is a dropped connection.
            try {
                response = newClient().send(toHttp(request), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException again) {
                report.answered(request, -1);
                report.violated(request, "no answer, twice: " + first + "; " + again);
                return;
            }
        }
        if (response.statusCode() == 503
                && response.headers().firstValue("Retry-After").isPresent()) {
            // A dependency was slow (the collector's Kafka, the retrainer's trainer): the answer a client is told to
            // retry. Only one that comes again after the wait it asks for counts.
            report.countRetry();
            Thread.sleep(retryAfterMillis(response));
            try {
                response = client.send(toHttp(request), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                report.answered(request, -1);
                report.violated(request, "no answer after a 503: " + e);
                return;
            }
        }
        int status = response.statusCode();
        report.answered(request, status);
        if (status >= 200 && status < 300) {
            return;
        }
        if (status < 400 || status >= 500) {
            report.violated(request, "answered " + status + ": " + text(response.body()));
            return;
        }
        String problem = problemFault(response);
        if (problem != null) {
            report.violated(request, "answered " + status + " but " + problem);
        }
    }

    private static long retryAfterMillis(HttpResponse<byte[]> response) {
        try {
            long seconds = Long.parseLong(
                    response.headers().firstValue("Retry-After").orElse("1").trim());
            return Math.max(0, Math.min(seconds, MAX_RETRY_AFTER_SECONDS)) * 1000;
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
    }

    private static String problemFault(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "with Content-Type '" + type + "', not a problem+json: " + text(response.body());
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(response.body());
        } catch (IOException e) {
            return "its body is not JSON: " + text(response.body());
        }
        if (problem == null
                || problem.path("status").asInt() != response.statusCode()
                || problem.path("title").asText("").isBlank()) {
            return "its problem does not carry the status and a title: " + text(response.body());
        }
        return null;
    }

    private HttpRequest toHttp(HostileRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(request.target()))
                .timeout(TIMEOUT)
                .method(
                        request.method(),
                        request.body().length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (Map.Entry<String, String> header : request.headers()) {
            builder.header(header.getKey(), header.getValue());
        }
        return builder.build();
    }

    private static String text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static void write(String endpoint, String summary) {
        try {
            Path folder = Path.of("target", "fuzz");
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(endpoint.replaceAll("[^A-Za-z0-9.-]+", "_") + ".txt"), summary + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not write the fuzz summary of " + endpoint, e);
        }
    }
}
