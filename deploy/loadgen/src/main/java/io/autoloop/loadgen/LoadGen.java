package io.autoloop.loadgen;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The load generator's command line: parses {@link Options}, runs the chosen mode against a loopback target
 * and prints throughput, latency percentiles and error counts. Exit code 0 after a run (whatever the
 * answers), 2 on bad arguments.
 */
public final class LoadGen {

    private LoadGen() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length == 0 || args[0].equals("--help")) {
            out.println(Options.USAGE);
            out.println("body kinds:");
            ServiceLoader.load(GeneratorFactory.class).forEach(kind -> out.println("  " + kind.description()));
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        GeneratorFactory kind = GeneratorFactory.named(options.bodyKind());
        out.printf(
                Locale.ROOT,
                "mode=%s target=%s connections=%d%s body=%s warmup=%ds duration=%ds%s%n",
                options.mode(),
                options.mode().equals("kafka") ? options.bootstrap() + "/" + options.topic() : options.url(),
                options.connections(),
                options.mode().equals("open") ? String.format(Locale.ROOT, " rate=%.0f/s", options.rate()) : "",
                options.body(),
                options.warmup().toSeconds(),
                options.duration().toSeconds(),
                options.maxRequests() == Long.MAX_VALUE ? "" : " requests<=" + options.maxRequests());
        Runs.Outcome outcome;
        String units = "requests";
        switch (options.mode()) {
            case "open" -> outcome = Runs.open(options, kind.bodies(options.bodyArgument(), options.seed()));
            case "closed" -> outcome = Runs.closed(options, kind.bodies(options.bodyArgument(), options.seed()));
            default -> {
                Map<String, String> settings = Runs.producerSettings(options);
                out.println("producer:   " + new TreeMap<>(settings));
                outcome = Runs.kafka(options, kind.records(options.bodyArgument(), options.seed()), settings);
                units = "batches";
            }
        }
        outcome.results().print(out, units, outcome.measuredSeconds());
    }
}
