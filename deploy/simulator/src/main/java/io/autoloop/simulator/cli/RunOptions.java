package io.autoloop.simulator.cli;

import io.autoloop.simulator.http.Targets;
import io.autoloop.simulator.run.RunSettings;
import java.time.Duration;
import java.util.UUID;
import picocli.CommandLine.Option;

/** The options both modes take (where to send, how to pace and batch, when to stop), turned into their records. */
final class RunOptions {

    private static final Duration EXPERIMENT_EVERY = Duration.ofSeconds(5);

    @Option(names = "--duration", paramLabel = "D", description = "stop after D (e.g. 90s, 10m, 1h; default: no bound)")
    private Duration duration;

    @Option(
            names = "--requests",
            paramLabel = "N",
            defaultValue = "0",
            description = "stop after N ranking requests (default: no bound; replay: the whole log)")
    private long requests;

    @Option(
            names = "--router",
            paramLabel = "URL",
            defaultValue = Targets.DEFAULT_ROUTER,
            description = "ab-router base URL (default ${DEFAULT-VALUE})")
    private String router;

    @Option(
            names = "--collector",
            paramLabel = "URL",
            defaultValue = Targets.DEFAULT_COLLECTOR,
            description = "feedback-collector base URL (default ${DEFAULT-VALUE})")
    private String collector;

    @Option(
            names = "--key",
            paramLabel = "KEY",
            defaultValue = Targets.DEV_API_KEY,
            description = "the app's API key (default ${DEFAULT-VALUE}, dev/test/local profiles only)")
    private String key;

    @Option(
            names = "--admin-key",
            paramLabel = "KEY",
            defaultValue = Targets.DEV_ADMIN_KEY,
            description = "admin key to read experiments (default ${DEFAULT-VALUE})")
    private String adminKey;

    @Option(
            names = "--model",
            paramLabel = "NAME",
            defaultValue = "ctr",
            description = "the model whose experiment the progress line shows (default ${DEFAULT-VALUE})")
    private String model;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "4",
            description = "ranking requests in flight at most (default ${DEFAULT-VALUE})")
    private int threads;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "100",
            description = "events per collector request, 1-500 (default ${DEFAULT-VALUE})")
    private int batchSize;

    @Option(
            names = "--linger",
            paramLabel = "D",
            defaultValue = "200ms",
            description = "longest wait for a batch to fill (default ${DEFAULT-VALUE})")
    private Duration linger;

    @Option(
            names = "--progress",
            paramLabel = "D",
            description = "time between progress lines (default 1s on a terminal, 10s otherwise)")
    private Duration progress;

    @Option(
            names = "--run-id",
            paramLabel = "ID",
            description = "names this run's event ids; the same id sends the same ids (default: random)")
    private String runId;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help")
    private boolean help;

    Targets targets() {
        return new Targets(Targets.parse("router", router), Targets.parse("collector", collector), key, adminKey);
    }

    /**
     * The run's pacing and batching at {@code rate} (and, replaying, {@code speed}); the progress interval defaults
     * to 1 s on a terminal ({@code interactive}) and 10 s otherwise.
     */
    RunSettings settings(double rate, Double speed, boolean interactive) {
        Duration progressEvery = progress != null ? progress : Duration.ofSeconds(interactive ? 1 : 10);
        if (progressEvery.isZero() || progressEvery.isNegative()) {
            throw new IllegalArgumentException("--progress must be positive, but it is " + progressEvery + ".");
        }
        return new RunSettings(
                rate, duration, requests, speed, threads, batchSize, linger, progressEvery, EXPERIMENT_EVERY, model);
    }

    /** The {@code --run-id}, or a new random one. */
    String runId() {
        return runId != null ? runId : UUID.randomUUID().toString();
    }
}
