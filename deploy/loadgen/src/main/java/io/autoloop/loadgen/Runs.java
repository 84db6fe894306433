package io.autoloop.loadgen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The three ways of loading a target. Each runs {@code connections} threads for the warm-up and the
 * measured duration (or until the request budget is spent) and records only what started after the
 * warm-up. Times are {@link System#nanoTime()}.
 */
final class Runs {

    /** The producer settings of the Kafka baseline before {@code --producer}: the collector's defaults. */
    static final Map<String, String> COLLECTOR_PRODUCER_DEFAULTS = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5",
            ProducerConfig.LINGER_MS_CONFIG, "5",
            ProducerConfig.BATCH_SIZE_CONFIG, "131072",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "5000",
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "4995",
            ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");

    private Runs() {}

    /** The window of a run: when measuring starts and when everything stops. */
    record Window(long start, long measureFrom, long end) {

        static Window of(Options options) {
            long start = System.nanoTime();
            long measureFrom = start + options.warmup().toNanos();
            return new Window(
                    start, measureFrom, measureFrom + options.duration().toNanos());
        }
    }

    /** What a run measured and over how long. */
    record Outcome(Results results, double measuredSeconds) {}

    /** Closed loop over HTTP: every connection sends as soon as its previous request is answered. */
    static Outcome closed(Options options, BodyGenerator bodies) {
        Window window = Window.of(options);
        Results results = new Results();
        AtomicLong sequence = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong(window.measureFrom());
        runThreads(options.connections(), "closed", () -> {
            try (HttpConnection connection =
                    new HttpConnection(options.url(), options.headers(), options.contentType())) {
                while (System.nanoTime() < window.end()) {
                    long number = sequence.getAndIncrement();
                    if (number >= options.maxRequests()) {
                        break;
                    }
                    byte[] body = bodies.body(number);
                    long sent = System.nanoTime();
                    send(connection, body, sent, sent >= window.measureFrom(), results, bodies.eventsPerBody());
                    lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                }
            }
        });
        return new Outcome(results, seconds(window, lastEnd.get()));
    }

    /**
     * Open loop over HTTP: request {@code i} is due at {@code start + i / rate}; a free connection sends it at
     * that time (or at once when the run is behind), and its latency counts from when it was due.
     */
    static Outcome open(Options options, BodyGenerator bodies) {
        Window window = Window.of(options);
        long interval = Math.max(1, Math.round(1e9 / options.rate()));
        Results results = new Results();
        AtomicLong sequence = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong(window.measureFrom());
        runThreads(options.connections(), "open", () -> {
            try (HttpConnection connection =
                    new HttpConnection(options.url(), options.headers(), options.contentType())) {
                while (true) {
                    long number = sequence.getAndIncrement();
                    long due = window.start() + number * interval;
                    if (number >= options.maxRequests() || due >= window.end()) {
                        break;
                    }
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    send(
                            connection,
                            bodies.body(number),
                            due,
                            due >= window.measureFrom(),
                            results,
                            bodies.eventsPerBody());
                    lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                }
            }
        });
        return new Outcome(results, seconds(window, Math.min(lastEnd.get(), window.end())));
    }

    /** Closed loop straight into Kafka: every worker sends one batch of records and waits for all its acks. */
    static Outcome kafka(Options options, RecordGenerator records, Map<String, String> settings) {
        Properties properties = new Properties();
        properties.putAll(settings);
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "autoloop-loadgen");
        try (Producer<String, byte[]> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            Window window = Window.of(options);
            Results results = new Results();
            AtomicLong sequence = new AtomicLong();
            AtomicLong lastEnd = new AtomicLong(window.measureFrom());
            runThreads(options.connections(), "kafka", () -> {
                while (System.nanoTime() < window.end()) {
                    long number = sequence.getAndIncrement();
                    if (number >= options.maxRequests()) {
                        break;
                    }
                    List<ProducerRecord<String, byte[]>> batch = records.records(options.topic(), number);
                    long sent = System.nanoTime();
                    boolean acked = sendAll(producer, batch);
                    long answered = System.nanoTime();
                    if (sent >= window.measureFrom()) {
                        if (acked) {
                            results.answered(200, answered - sent, batch.size());
                        } else {
                            results.failed(answered - sent);
                        }
                    }
                    lastEnd.accumulateAndGet(answered, Math::max);
                }
            });
            return new Outcome(results, seconds(window, lastEnd.get()));
        }
    }

    /** The effective producer settings of the Kafka baseline. */
    static Map<String, String> producerSettings(Options options) {
        Map<String, String> settings = new HashMap<>(COLLECTOR_PRODUCER_DEFAULTS);
        settings.putAll(options.producer());
        return settings;
    }

    private static boolean sendAll(Producer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> batch) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        AtomicInteger remaining = new AtomicInteger(batch.size());
        AtomicInteger failures = new AtomicInteger();
        for (ProducerRecord<String, byte[]> record : batch) {
            producer.send(record, (metadata, exception) -> {
                if (exception != null) {
                    failures.incrementAndGet();
                }
                if (remaining.decrementAndGet() == 0) {
                    done.complete(failures.get() == 0);
                }
            });
        }
        try {
            return done.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private static void send(
            HttpConnection connection, byte[] body, long since, boolean measured, Results results, int events) {
        try {
            int status = connection.post(body);
            if (measured) {
                results.answered(status, System.nanoTime() - since, events);
            }
        } catch (IOException | RuntimeException e) {
            if (measured) {
                results.failed(System.nanoTime() - since);
            }
        }
    }

    private static double seconds(Window window, long lastEnd) {
        return Math.max(1e-3, (Math.min(lastEnd, window.end()) - window.measureFrom()) / 1e9);
    }

    private static void runThreads(int count, String name, Runnable work) {
        List<Thread> threads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(work, "loadgen-" + name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
