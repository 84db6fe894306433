package io.autoloop.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Java program a test runs as a process of its own: a packaged Quarkus service (see {@link #quarkus}) on a free HTTP
 * port, or another runnable jar or main class. It takes JVM options, system properties (which take precedence over a
 * service's application.properties), environment variables and arguments; its output goes to a log file.
 * {@link #awaitReady} waits for {@code /q/health/ready}, {@link #stop()} sends SIGTERM (shutdown hooks run),
 * {@link #kill()} SIGKILL ({@code kill -9}: the process ends at once, its shutdown hooks do not run), and
 * {@link #exitCode()} tells how it ended ({@link #awaitExit} waits for a process that ends by itself).
 */
public final class ServiceProcess implements AutoCloseable {

    /** Where a module's packaged Quarkus service is, relative to the module's directory. */
    public static final String QUARKUS_RUN_JAR = "target/quarkus-app/quarkus-run.jar";

    /** How long {@link #stop()} and {@link #close()} wait after SIGTERM: a graceful shutdown may write checkpoints. */
    private static final Duration GRACE = Duration.ofSeconds(45);

    /** How long {@link #kill()} waits for the exit after SIGKILL. */
    private static final Duration KILLED = Duration.ofSeconds(30);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final String name;
    private final Process process;
    private final Path log;
    private final URI uri;

    private ServiceProcess(String name, Process process, Path log, URI uri) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.uri = uri;
    }

    /**
     * A launch of the packaged Quarkus service {@code jar} (a module's {@link #QUARKUS_RUN_JAR}): it serves HTTP on a
     * free port, given to it as {@code quarkus.http.port}.
     */
    public static Launch quarkus(Path jar) {
        return new Launch(List.of("-jar", jar.toString()), jar, true);
    }

    /** A launch of the runnable jar {@code jar}, which serves no HTTP. */
    public static Launch jar(Path jar) {
        return new Launch(List.of("-jar", jar.toString()), jar, false);
    }

    /** A launch of {@code main} on the classpath of this JVM, which serves no HTTP. */
    public static Launch mainClass(Class<?> main) {
        return new Launch(List.of("-cp", System.getProperty("java.class.path"), main.getName()), null, false);
    }

    /** What to start and how; {@link #start()} starts it. */
    public static final class Launch {

        private final List<String> program;
        private final Path jar;
        private final boolean http;
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> args = new ArrayList<>();
        private String name;
        private Path log;

        private Launch(List<String> program, Path jar, boolean http) {
            this.program = program;
            this.jar = jar;
            this.http = http;
            this.name = jar != null ? defaultName(jar) : program.get(program.size() - 1);
        }

        /** A module's name for its {@link #QUARKUS_RUN_JAR}, the file name without {@code .jar} for another jar. */
        private static String defaultName(Path jar) {
            Path absolute = jar.toAbsolutePath().normalize();
            if (absolute.endsWith(QUARKUS_RUN_JAR) && absolute.getNameCount() > 3) {
                return absolute.getName(absolute.getNameCount() - 4).toString();
            }
            return absolute.getFileName().toString().replaceFirst("\\.jar$", "");
        }

        /** The name in messages, and of the default log {@code target/process-logs/<name>.log}. */
        public Launch name(String name) {
            this.name = name;
            return this;
        }

        /** JVM options before the program, e.g. {@code -Xmx384m}. */
        public Launch jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /** The system property {@code -Dkey=value}. */
        public Launch property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** The system properties {@code -Dkey=value}, in the map's order. */
        public Launch properties(Map<String, String> settings) {
            properties.putAll(settings);
            return this;
        }

        /** The environment variable {@code key=value}, on top of this JVM's environment. */
        public Launch env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        /** Arguments after the program. */
        public Launch args(List<String> arguments) {
            args.addAll(arguments);
            return this;
        }

        /** The file its output (stdout and stderr) is appended to, {@code target/process-logs/<name>.log} if none. */
        public Launch log(Path file) {
            this.log = file;
            return this;
        }

        /** Starts the process; it runs until stopped, killed or done. */
        public ServiceProcess start() {
            if (http && properties.containsKey("quarkus.http.port")) {
                throw new IllegalArgumentException(name
                        + " is given quarkus.http.port, but the launcher chooses a free port: read it from uri().");
            }
            if (jar != null && !Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: package the module first (./mvnw -B -pl <module>"
                        + " -am package -DskipTests), or run the tests through Maven's verify.");
            }
            int port = http ? freePort() : 0;
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            if (http) {
                command.add("-Dquarkus.http.port=" + port);
            }
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(program);
            command.addAll(args);
            Path file = (log != null ? log : Path.of("target", "process-logs", name + ".log")).toAbsolutePath();
            try {
                Files.createDirectories(file.getParent());
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                builder.environment().putAll(environment);
                return new ServiceProcess(
                        name, builder.start(), file, http ? URI.create("http://127.0.0.1:" + port) : null);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start " + name + " (" + command + "): " + e.getMessage(), e);
            }
        }
    }

    public String name() {
        return name;
    }

    /** The base URL of its HTTP API, {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        if (uri == null) {
            throw new IllegalStateException(name + " serves no HTTP: start it with ServiceProcess.quarkus.");
        }
        return uri;
    }

    /** The file its output goes to. */
    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Fails, with its exit code and the end of its log, when the process has exited. */
    public void assertAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    name + " exited with " + process.exitValue() + "; the end of " + log + ":\n" + logTail());
        }
    }

    /**
     * Waits until {@code /q/health/ready} answers 200; fails with the end of its log when the process exits first or
     * {@code timeout} passes.
     */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(uri().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue()
                        + " before it was ready; the end of " + log + ":\n" + logTail());
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name + " to be ready.", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready on " + uri + " within " + timeout
                        + "; the end of " + log + ":\n" + logTail());
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /**
     * Sends SIGTERM and waits for the exit: shutdown hooks run (a service stops gracefully). Fails if the process is
     * still running 45 s later, after killing it.
     */
    public void stop() {
        process.destroy();
        if (!waitFor(GRACE)) {
            process.destroyForcibly();
            waitFor(KILLED);
            throw new IllegalStateException(
                    name + " did not exit within " + GRACE + " of SIGTERM and was killed; see " + log + ".");
        }
    }

    /** Sends SIGKILL and waits for the exit: the process ends at once, without running its shutdown hooks. */
    public void kill() {
        process.destroyForcibly();
        if (!waitFor(KILLED)) {
            throw new IllegalStateException(name + " did not exit within " + KILLED + " of SIGKILL.");
        }
    }

    /**
     * Waits until the process exits by itself (a service that refuses to start) and returns its {@link #exitCode()};
     * fails with the end of its log, after killing it, when it still runs {@code timeout} later.
     */
    public int awaitExit(Duration timeout) {
        if (!waitFor(timeout)) {
            process.destroyForcibly();
            waitFor(KILLED);
            throw new IllegalStateException(name + " was still running " + timeout + " after its start and was killed;"
                    + " the end of " + log + ":\n" + logTail());
        }
        return process.exitValue();
    }

    /** How the process ended: its exit status, or 128 + the signal that ended it (143 for SIGTERM, 137 for SIGKILL). */
    public int exitCode() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running: it has no exit code yet.");
        }
        return process.exitValue();
    }

    /** The last 40 lines of its log. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops a process still running as {@link #stop()} does, and kills it if it does not exit; never fails. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor(GRACE)) {
                process.destroyForcibly();
                waitFor(KILLED);
            }
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a process.", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port: " + e.getMessage(), e);
        }
    }
}
