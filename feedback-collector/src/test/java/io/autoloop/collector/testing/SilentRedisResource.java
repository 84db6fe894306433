package io.autoloop.collector.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs the service against a "Redis" that takes connections and never answers, the slowest Redis there is: every call
 * waits out {@link #TIMEOUT}. The rate limit's circuit opens after {@link #BREAKER_REQUESTS} such calls and stays open
 * for a minute, longer than a test takes.
 */
public class SilentRedisResource implements QuarkusTestResourceLifecycleManager {

    /** {@code collector.redis-timeout} in this profile. */
    public static final String TIMEOUT = "2s";

    /** {@code collector.rate-limit.breaker.requests} in this profile. */
    public static final int BREAKER_REQUESTS = 4;

    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open a port for the silent Redis.", e);
        }
        Thread acceptor = new Thread(this::acceptForever, "silent-redis");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of(
                "quarkus.redis.hosts",
                "redis://127.0.0.1:" + server.getLocalPort(),
                "collector.redis-timeout",
                TIMEOUT,
                "collector.rate-limit.breaker.requests",
                Integer.toString(BREAKER_REQUESTS),
                "collector.rate-limit.breaker.delay",
                "60s");
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                held.add(server.accept());
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void stop() {
        try {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close the silent Redis.", e);
        }
    }
}
