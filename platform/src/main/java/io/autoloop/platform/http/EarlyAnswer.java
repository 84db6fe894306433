package io.autoloop.platform.http;

import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.Problem;
import io.autoloop.contracts.json.ContractJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;

/**
 * Answers a request with a problem ({@code application/problem+json}) before its body is read: consumes the routing
 * context of a request refused for what its headers say, produces the answer, and closes the connection once the
 * answer is written ({@code Connection: close}), since the unread body would otherwise follow. A client that sent
 * {@code Expect: 100-continue} never sends that body; one that sends it anyway reads the answer once it has, if the
 * rest of its body fits the connection's buffers.
 */
public final class EarlyAnswer {

    private EarlyAnswer() {}

    /** Answers {@code status} with {@code title} and {@code detail}, naming {@code field}, and ends the connection. */
    public static void problem(RoutingContext routing, int status, String title, String detail, String field) {
        Problem problem = new Problem(
                URI.create("about:blank"),
                title,
                status,
                detail,
                routing.normalizedPath(),
                List.of(new FieldError(field, detail)));
        routing.addEndHandler(ended -> routing.request().connection().close());
        routing.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Buffer.buffer(ContractJson.write(problem)));
    }
}
