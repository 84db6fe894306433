package io.autoloop.router.testing;

import io.autoloop.contracts.json.ContractJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load on {@code POST /v1/rank} from a few threads, each ranking for its own rotating users, counting
 * every answer that is not a 200 and every model version and arm seen.
 */
public final class RankLoad implements AutoCloseable {

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService threads;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final Set<String> failures = ConcurrentHashMap.newKeySet();

    /** Starts {@code threadCount} threads against the router at {@code baseUri}. */
    public RankLoad(URI baseUri, int threadCount) {
        threads = Executors.newFixedThreadPool(threadCount);
        for (int t = 0; t < threadCount; t++) {
            int thread = t;
            threads.execute(() -> run(baseUri.resolve("/v1/rank"), thread));
        }
    }

    private void run(URI uri, int thread) {
        long n = 0;
        while (running.get()) {
            String user = "load-" + thread + "-" + (n++ % 500);
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", Api.APP_KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(ContractJson.write(Api.rankRequest(user, 20, 5))))
                    .build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    ok.incrementAndGet();
                    String version = extract(response.body(), "\"modelVersion\":");
                    String arm = extract(response.body(), "\"arm\":");
                    versions.computeIfAbsent(arm + " " + version, v -> new AtomicLong())
                            .incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    failures.add(response.statusCode() + " " + response.body());
                }
            } catch (Exception e) {
                failed.incrementAndGet();
                failures.add(e.toString());
            }
        }
    }

    private static String extract(String json, String field) {
        int at = json.indexOf(field);
        if (at < 0) {
            return "?";
        }
        int start = at + field.length();
        int end = json.indexOf(',', start);
        return json.substring(start, end < 0 ? json.length() : end)
                .replace("\"", "")
                .trim();
    }

    /** Requests answered 200. */
    public long ok() {
        return ok.get();
    }

    /** Requests not answered 200, or not answered at all. */
    public long failed() {
        return failed.get();
    }

    /** What went wrong, one entry per distinct failure. */
    public Set<String> failures() {
        return failures;
    }

    /** {@code "<arm> <modelVersion>"} → answers. */
    public Map<String, AtomicLong> versions() {
        return versions;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        threads.awaitTermination(30, TimeUnit.SECONDS);
    }
}
