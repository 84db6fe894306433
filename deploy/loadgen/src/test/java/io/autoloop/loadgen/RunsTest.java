package io.autoloop.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP runs and connection against the JDK's HTTP server on loopback. */
class RunsTest {

    private HttpServer server;
    private final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/fixed", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            byte[] answer = "{\"accepted\":1}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.createContext("/chunked", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(400, 0); // 0: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("part one, ".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("part two".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void aConnectionReadsFixedAndChunkedAnswersAndStaysUsable() throws IOException {
        try (HttpConnection connection = new HttpConnection(url("/fixed"), List.of("X-Test: 1"), "application/json");
                HttpConnection chunked = new HttpConnection(url("/chunked"), List.of(), "application/json")) {
            assertThat(connection.post("{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(202);
            assertThat(connection.post("{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(202);
            assertThat(chunked.post("{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(400);
            assertThat(chunked.post("{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(400);
        }
        assertThat(received).hasValue(2);
    }

    @Test
    void aClosedRunStopsAtItsRequestBudgetAndCountsEvents() {
        Options options = OptionsTest.parse(
                "--mode",
                "closed",
                "--url",
                url("/fixed").toString(),
                "--connections",
                "3",
                "--requests",
                "40",
                "--warmup",
                "0s",
                "--duration",
                "30s",
                "--body",
                "feedback-events:5");

        Runs.Outcome outcome =
                Runs.closed(options, GeneratorFactory.named("feedback-events").bodies("5", 1));

        assertThat(outcome.results().requests()).isEqualTo(40);
        assertThat(outcome.results().successfulEvents()).isEqualTo(200);
        assertThat(outcome.results().errors()).isZero();
        assertThat(received).hasValue(40);
    }

    @Test
    void anOpenRunSendsAtItsRate() {
        Options options = OptionsTest.parse(
                "--mode",
                "open",
                "--url",
                url("/fixed").toString(),
                "--rate",
                "200",
                "--connections",
                "4",
                "--warmup",
                "0s",
                "--duration",
                "1s",
                "--body",
                "feedback-events:1");

        Runs.Outcome outcome =
                Runs.open(options, GeneratorFactory.named("feedback-events").bodies("1", 1));

        // 200 requests are due in the second; all of them are sent, none early.
        assertThat(outcome.results().requests()).isEqualTo(200);
        assertThat(outcome.results().nonSuccess()).isZero();
    }

    @Test
    void aRefusedConnectionCountsAsAnError() {
        server.stop(0);
        Options options = OptionsTest.parse(
                "--mode",
                "closed",
                "--url",
                url("/fixed").toString(),
                "--connections",
                "1",
                "--requests",
                "3",
                "--warmup",
                "0s",
                "--duration",
                "5s");

        Runs.Outcome outcome =
                Runs.closed(options, GeneratorFactory.named("feedback-events").bodies("1", 1));

        assertThat(outcome.results().errors()).isEqualTo(3);
    }
}
