package io.autoloop.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * A stand-in for a packaged service, run by {@link ServiceProcessTest}: prints its {@code probe.greeting} property, its
 * {@code PROBE_ENV} variable and its arguments, exits at once with {@code probe.exit} when given, and otherwise
 * serves {@code /q/health/ready} on {@code quarkus.http.port} (503 for its first {@code probe.ready-after} ms, then
 * 200) until it is ended; a shutdown hook prints that it ran.
 */
public final class ProbeService {

    private ProbeService() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        System.out.println("greeting=" + System.getProperty("probe.greeting"));
        System.out.println("env=" + System.getenv("PROBE_ENV"));
        System.out.println("args=" + Arrays.toString(args));
        String exit = System.getProperty("probe.exit");
        if (exit != null) {
            System.out.println("exiting with " + exit);
            System.exit(Integer.parseInt(exit));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
        String port = System.getProperty("quarkus.http.port");
        if (port != null) {
            long readyAt = System.currentTimeMillis() + Long.getLong("probe.ready-after", 0);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 0);
            server.createContext("/q/health/ready", exchange -> {
                exchange.sendResponseHeaders(System.currentTimeMillis() < readyAt ? 503 : 200, -1);
                exchange.close();
            });
            server.start();
        }
        System.out.println("started");
        Thread.currentThread().join();
    }
}
