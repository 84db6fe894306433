package io.autoloop.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A private Redis of a test's own ({@code redis-server} on a free loopback port, no persistence) that the test stops
 * for an outage, rather than the local stack's, which everyone shares and nobody may stop.
 */
public final class OutageRedis implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final int port;
    private final Path log;
    private Process process;

    private OutageRedis(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    /** A private Redis on a free port, started; its output goes to {@code target/process-logs/outage-redis-<port>.log}. */
    public static OutageRedis start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for a private Redis: " + e.getMessage(), e);
        }
        OutageRedis redis = new OutageRedis(
                port,
                Path.of("target", "process-logs", "outage-redis-" + port + ".log")
                        .toAbsolutePath());
        redis.run();
        return redis;
    }

    /** Its address as a Redis URL, for {@code quarkus.redis.hosts}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops it (SIGKILL, as a crash would) and waits for its process to end. */
    public void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while stopping the private Redis.", e);
            }
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void run() {
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(
                            "redis-server",
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not start redis-server for a private Redis (is it installed? the"
                            + " local stack's deploy/local/stack installs it): " + e.getMessage(),
                    e);
        }
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The private Redis on port " + port + " exited with "
                            + process.exitValue() + "; see " + log + ".");
                }
                sleep();
            }
        }
        stop();
        throw new IllegalStateException(
                "The private Redis on port " + port + " did not listen within " + STARTUP + "; see " + log + ".");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting a private Redis.", e);
        }
    }
}
