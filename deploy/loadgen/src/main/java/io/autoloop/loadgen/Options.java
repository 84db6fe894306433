package io.autoloop.loadgen;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line of a run, checked: a load is always bounded in time (at most {@link #MAX_DURATION}) and
 * optionally in requests, and aimed at this machine only.
 *
 * @param mode {@code open}: a fixed request rate whatever the answers take; {@code closed}: each connection
 *     sends its next request as soon as the previous one is answered; {@code kafka}: like closed, but each
 *     connection is a batch handed straight to a Kafka producer
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

    static final Duration MAX_DURATION = Duration.ofMinutes(10);
    static final int MAX_CONNECTIONS = 1024;
    static final double MAX_RATE = 200_000;

    static final String USAGE = String.join(
            "\n",
            "usage: java -jar autoloop-loadgen.jar --mode open|closed|kafka [options]",
            "  --mode open      fixed rate (--rate req/s); latency counted from each request's intended send time,",
            "                   so a slow server cannot hide its queueing (no coordinated omission)",
            "  --mode closed    max throughput: each of --connections sends its next request when answered",
            "  --mode kafka     baseline: each of --connections hands a batch of records to one Kafka producer",
            "                   and waits for its acknowledgements",
            "  --url URL                 HTTP target (loopback only), e.g. http://127.0.0.1:8081/v1/events",
            "  --header 'Name: value'    extra request header (repeatable), e.g. 'Authorization: Bearer KEY'",
            "  --content-type TYPE       default application/json",
            "  --body KIND[:ARG]         what to send; default feedback-events:100 (see the kinds below)",
            "  --connections N           concurrent connections (workers); default 8, at most 1024",
            "  --rate R                  open mode: requests per second, at most 200000",
            "  --duration D              measured time after the warm-up, e.g. 30s, 2m; default 30s, at most 10m",
            "  --warmup D                time before measuring; default 5s",
            "  --requests N              stop after N requests in total (warm-up included)",
            "  --seed N                  seed of the generated bodies; default 1",
            "  --bootstrap HOST:PORT     kafka mode: broker (loopback only); default 127.0.0.1:9092",
            "  --topic NAME              kafka mode: topic; default feedback.events",
            "  --producer key=value      kafka mode: producer setting (repeatable), over the collector's defaults");

    static Options parse(String[] args) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + name + "'.\n" + USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("The option " + name + " needs a value.\n" + USAGE);
            }
            values.computeIfAbsent(name.substring(2), key -> new ArrayList<>()).add(args[++i]);
        }
        List<String> known = List.of(
                "mode",
                "url",
                "header",
                "content-type",
                "body",
                "connections",
                "rate",
                "duration",
                "warmup",
                "requests",
                "seed",
                "bootstrap",
                "topic",
                "producer");
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name + ".\n" + USAGE);
            }
        }
        String mode = single(values, "mode", null);
        if (mode == null || !List.of("open", "closed", "kafka").contains(mode)) {
            throw new IllegalArgumentException("--mode must be open, closed or kafka.\n" + USAGE);
        }
        URI url = null;
        if (!mode.equals("kafka")) {
            String text = single(values, "url", null);
            if (text == null) {
                throw new IllegalArgumentException("--mode " + mode + " needs --url.");
            }
            url = URI.create(text);
            if (!"http".equals(url.getScheme())) {
                throw new IllegalArgumentException("--url must be an http:// URL, but it is " + text + ".");
            }
            Loopback.require(url.getHost());
        }
        int connections = Integer.parseInt(single(values, "connections", "8"));
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("--connections must be 1 to " + MAX_CONNECTIONS + ".");
        }
        double rate = Double.parseDouble(single(values, "rate", "0"));
        if (mode.equals("open") && (rate <= 0 || rate > MAX_RATE)) {
            throw new IllegalArgumentException(
                    "--mode open needs --rate between 0 and " + (long) MAX_RATE + " requests/s.");
        }
        Duration duration = duration(single(values, "duration", "30s"));
        Duration warmup = duration(single(values, "warmup", "5s"));
        if (duration.isZero() || duration.plus(warmup).compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("--duration must be positive and, with --warmup, at most "
                    + MAX_DURATION.toMinutes() + " minutes.");
        }
        long maxRequests = Long.parseLong(single(values, "requests", Long.toString(Long.MAX_VALUE)));
        if (maxRequests < 1) {
            throw new IllegalArgumentException("--requests must be at least 1.");
        }
        String bootstrap = single(values, "bootstrap", "127.0.0.1:9092");
        for (String server : bootstrap.split(",")) {
            int colon = server.lastIndexOf(':');
            Loopback.require(
                    colon < 0
                            ? server
                            : server.substring(0, colon).replace("[", "").replace("]", ""));
        }
        Map<String, String> producer = new LinkedHashMap<>();
        for (String setting : values.getOrDefault("producer", List.of())) {
            int equals = setting.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("--producer takes key=value, but got '" + setting + "'.");
            }
            producer.put(
                    setting.substring(0, equals).trim(),
                    setting.substring(equals + 1).trim());
        }
        return new Options(
                mode,
                url,
                List.copyOf(values.getOrDefault("header", List.of())),
                single(values, "content-type", "application/json"),
                single(values, "body", "feedback-events:100"),
                connections,
                rate,
                duration,
                warmup,
                maxRequests,
                Long.parseLong(single(values, "seed", "1")),
                bootstrap,
                single(values, "topic", "feedback.events"),
                Map.copyOf(producer));
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

    private static String single(Map<String, List<String>> values, String name, String fallback) {
        List<String> given = values.get(name);
        if (given == null) {
            return fallback;
        }
        if (given.size() > 1) {
            throw new IllegalArgumentException("--" + name + " may be given only once.");
        }
        return given.get(0);
    }

    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
            }
            if (value.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 60));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 500ms, 30s or 2m.", e);
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration such as 500ms, 30s or 2m.");
    }
}
