package io.autoloop.analyzer.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.autoloop.analyzer.repository.StoresUnavailableException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The forwarding of a query to the instance that holds its key, against a plain local HTTP server. */
class ForwarderTest {

    private HttpServer owner;

    @AfterEach
    void stop() {
        if (owner != null) {
            owner.stop(0);
        }
    }

    @Test
    void theOwnersAnswerIsPassedOnAsItCame() throws IOException {
        AtomicReference<String> asked = new AtomicReference<>();
        owner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        owner.createContext("/", exchange -> {
            asked.set(exchange.getRequestURI() + " forwarded="
                    + exchange.getRequestHeaders().getFirst(Forwarder.HEADER));
            byte[] body = "{\"status\":503}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.getResponseHeaders().add("Retry-After", "5");
            exchange.sendResponseHeaders(503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        owner.start();

        Response answer = new Forwarder()
                .forward(
                        new HostInfo("127.0.0.1", owner.getAddress().getPort()),
                        URI.create("http://me:8082/v1/reports?modelVersion=1.0.0&from=2026-03-02T10:00:00Z"));

        assertThat(asked.get()).isEqualTo("/v1/reports?modelVersion=1.0.0&from=2026-03-02T10:00:00Z forwarded=1");
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(new String((byte[]) answer.getEntity(), StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":503}");
    }

    @Test
    void anOwnerThatDoesNotAnswerMakesTheStoresUnavailable() throws IOException {
        owner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = owner.getAddress().getPort();
        owner.stop(0);
        owner = null;

        assertThatThrownBy(() -> new Forwarder().forward(new HostInfo("127.0.0.1", port), URI.create("http://me/v1/x")))
                .isInstanceOf(StoresUnavailableException.class)
                .hasMessageContaining("did not answer");
    }
}
