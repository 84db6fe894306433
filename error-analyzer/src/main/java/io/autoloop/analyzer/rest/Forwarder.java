package io.autoloop.analyzer.rest;

import io.autoloop.analyzer.repository.StoresUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks the analyzer instance that holds a key for the answer and passes it on unchanged; the forwarded request
 * carries {@value #HEADER}, so the owner answers from its own stores and never forwards again.
 */
@ApplicationScoped
public class Forwarder {

    /** Marks a request forwarded by another analyzer instance. */
    public static final String HEADER = "X-Autoloop-Forwarded";

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** The owner's answer to the same path and query as {@code request}. */
    public Response forward(HostInfo owner, URI request) {
        URI target = URI.create("http://" + owner.host() + ":" + owner.port() + request.getRawPath()
                + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery()));
        HttpRequest forwarded = HttpRequest.newBuilder(target)
                .timeout(TIMEOUT)
                .header(HEADER, "1")
                .GET()
                .build();
        try {
            HttpResponse<byte[]> answer = client.send(forwarded, HttpResponse.BodyHandlers.ofByteArray());
            Response.ResponseBuilder response =
                    Response.status(answer.statusCode()).entity(answer.body());
            answer.headers()
                    .firstValue(HttpHeaders.CONTENT_TYPE)
                    .ifPresent(type -> response.header(HttpHeaders.CONTENT_TYPE, type));
            answer.headers()
                    .firstValue(HttpHeaders.RETRY_AFTER)
                    .ifPresent(retry -> response.header(HttpHeaders.RETRY_AFTER, retry));
            return response.build();
        } catch (IOException e) {
            throw new StoresUnavailableException(
                    "The analyzer instance at " + owner.host() + ":" + owner.port() + " that holds this key did not "
                            + "answer; retry in a few seconds.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoresUnavailableException(
                    "Interrupted while asking the analyzer instance that holds the key.", e);
        }
    }
}
