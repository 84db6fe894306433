package io.autoloop.platform.http;

import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.Problem;
import io.autoloop.contracts.json.ContractJson;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;

/**
 * Answers a request with a problem ({@code application/problem+json}) before its body is read: consumes the routing
 * context of a request refused for what its headers say, produces the answer ({@code Connection: close}), then reads
 * and discards what of the body still comes, so that a client that sends its whole body before it reads (most do,
 * unless they sent {@code Expect: 100-continue}) gets to read the answer rather than a reset connection. The connection
 * closes when the body has ended, when none of it came for {@value #IDLE_MILLIS} ms (a client that withholds it), or
 * after {@value #DRAIN_BYTES} bytes, so a refused request costs at most that much reading.
 */
public final class EarlyAnswer {

    /** How long a refused body may pause before the connection is closed without the rest of it. */
    static final long IDLE_MILLIS = 1_000;

    /** The most bytes of a refused body read and discarded before the connection is closed. */
    static final long DRAIN_BYTES = 64L * 1024 * 1024;

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
        HttpServerRequest request = routing.request();
        routing.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Buffer.buffer(ContractJson.write(problem)))
                .onComplete(written -> new Drain(routing.vertx(), request).start());
    }

    /** Reads and discards the rest of a refused request's body, then closes its connection. */
    private static final class Drain {

        private final Vertx vertx;
        private final HttpServerRequest request;
        private long bytes;
        private long timer = -1;
        private boolean closed;

        Drain(Vertx vertx, HttpServerRequest request) {
            this.vertx = vertx;
            this.request = request;
        }

        void start() {
            if (request.isEnded()) {
                close();
                return;
            }
            try {
                request.handler(this::discard);
                request.endHandler(ended -> close());
                request.exceptionHandler(failed -> close());
                request.resume();
            } catch (IllegalStateException alreadyRead) {
                close();
                return;
            }
            waitForMore();
        }

        private void discard(Buffer chunk) {
            bytes += chunk.length();
            if (bytes > DRAIN_BYTES) {
                close();
            } else {
                waitForMore();
            }
        }

        private void waitForMore() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            timer = vertx.setTimer(IDLE_MILLIS, idle -> close());
        }

        private void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            request.connection().close();
        }
    }
}
