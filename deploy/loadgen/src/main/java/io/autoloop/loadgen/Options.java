package io.autoloop.loadgen;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The options of a run, checked on construction: a load is always bounded in time (at most {@link #MAX_DURATION}) and
 * optionally in requests, and aimed at this machine only; every refusal is an {@link IllegalArgumentException} whose
 * sentence names the option.
 *
 * @param mode {@code open}: a fixed request rate whatever the answers take; {@code closed}: each connection
 *     sends its next request as soon as the previous one is answered; {@code kafka}: like closed, but each
 *     connection is a batch handed straight to a Kafka producer
 * @param url the HTTP target; null in {@code kafka} mode (where a given one is ignored)
 * @param maxRequests most requests (batches) including the warm-up; {@code Long.MAX_VALUE} when unbounded
 */
record Options(
        String mode,
        URI url,
        List<String> headers,
        String contentType,
        String body,
        int connections,
        double rate,
        Duration duration,
        Duration warmup,
        long maxRequests,
        long seed,
        String bootstrap,
        String topic,
        Map<String, String> producer) {

    static final List<String> MODES = List.of("open", "closed", "kafka");
    static final Duration MAX_DURATION = Duration.ofMinutes(10);
    static final int MAX_CONNECTIONS = 1024;
    static final double MAX_RATE = 200_000;

    Options {
        if (mode == null || !MODES.contains(mode)) {
            throw new IllegalArgumentException("--mode must be open, closed or kafka.");
        }
        if (mode.equals("kafka")) {
            url = null;
        } else {
            if (url == null) {
                throw new IllegalArgumentException("--mode " + mode + " needs --url.");
            }
            if (!"http".equals(url.getScheme())) {
                throw new IllegalArgumentException("--url must be an http:// URL, but it is " + url + ".");
            }
            Loopback.require(url.getHost());
        }
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("--connections must be 1 to " + MAX_CONNECTIONS + ".");
        }
        if (mode.equals("open") && (rate <= 0 || rate > MAX_RATE)) {
            throw new IllegalArgumentException(
                    "--mode open needs --rate between 0 and " + (long) MAX_RATE + " requests/s.");
        }
        if (duration.isZero() || duration.plus(warmup).compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("--duration must be positive and, with --warmup, at most "
                    + MAX_DURATION.toMinutes() + " minutes.");
        }
        if (maxRequests < 1) {
            throw new IllegalArgumentException("--requests must be at least 1.");
        }
        for (String server : bootstrap.split(",")) {
            int colon = server.lastIndexOf(':');
            Loopback.require(
                    colon < 0
                            ? server
                            : server.substring(0, colon).replace("[", "").replace("]", ""));
        }
        headers = List.copyOf(headers);
        producer = Map.copyOf(producer);
    }

    /** The generator kind of {@code --body}. */
    String bodyKind() {
        int colon = body.indexOf(':');
        return colon < 0 ? body : body.substring(0, colon);
    }

    /** The argument of {@code --body}, or null. */
    String bodyArgument() {
        int colon = body.indexOf(':');
        return colon < 0 ? null : body.substring(colon + 1);
    }
}
