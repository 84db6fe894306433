package io.autoloop.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The OpenAPI document a service serves at {@code /q/openapi}: consumes its JSON and produces the response statuses
 * each operation documents, and checks a {@link FuzzReport} against them, so that a status an endpoint answers but
 * its document does not name fails the fuzz test that saw it.
 */
public final class ApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode paths;

    private ApiDocument(JsonNode document) {
        this.paths = document.path("paths");
    }

    /** The document served by the service at {@code base}. */
    public static ApiDocument servedBy(URI base) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .GET()
                .build();
        // HTTP/1.1 as the fuzzer asks: the JDK client's h2c upgrade of a plain-HTTP request can outlive its timeout
        // and end in "EOF reached while reading" (seen once in a full run: a 30-minute hang).
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /q/openapi answered " + response.statusCode() + ", not 200.");
        }
        return parse(response.body());
    }

    /** The document whose JSON is {@code json}. */
    public static ApiDocument parse(String json) throws IOException {
        return new ApiDocument(JSON.readTree(json));
    }

    /**
     * The statuses the operation {@code method} {@code path} documents ({@code path} as the document spells it, e.g.
     * {@code /v1/experiments/{id}/{action}}).
     *
     * @throws AssertionError when the document has no such operation, or it documents a {@code default} answer (which
     *     would name no status at all)
     */
    public Set<Integer> statuses(String method, String path) {
        JsonNode operation = paths.path(path).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            throw new AssertionError(
                    "The API document has no operation " + method + " " + path + "; it has " + fieldNames(paths) + ".");
        }
        Set<Integer> statuses = new TreeSet<>();
        for (Iterator<String> codes = operation.path("responses").fieldNames(); codes.hasNext(); ) {
            String code = codes.next();
            if (code.equals("default")) {
                throw new AssertionError("The API document gives " + method + " " + path
                        + " a default response, which names no status; list each status instead.");
            }
            statuses.add(Integer.parseInt(code));
        }
        return statuses;
    }

    /**
     * Fails unless every status {@code report} saw from {@code endpoint} is one its operation documents. The answers
     * to {@link Attack#WRONG_METHOD} are left out: they are another operation's, or the path's 405.
     *
     * @throws AssertionError naming each undocumented status with the attacks that got it
     */
    public void assertDocumentsEveryAnswer(Endpoint endpoint, FuzzReport report) {
        Set<Integer> documented = statuses(endpoint.method(), endpoint.path());
        Map<Integer, Set<String>> undocumented = new TreeMap<>();
        report.statuses().forEach((attack, byStatus) -> {
            if (attack == Attack.WRONG_METHOD) {
                return;
            }
            byStatus.keySet().stream()
                    .filter(status -> status > 0 && !documented.contains(status))
                    .forEach(status -> undocumented
                            .computeIfAbsent(status, any -> new TreeSet<>())
                            .add(attack.name()));
        });
        if (!undocumented.isEmpty()) {
            throw new AssertionError(endpoint.method() + " " + endpoint.path() + " answered " + undocumented
                    + " (status: attacks), which its API document does not list; it lists " + documented + ".");
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
