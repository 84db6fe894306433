package io.autoloop.loadgen;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The load generator's command line (picocli): reads the {@link Options}, runs the chosen mode against a loopback
 * target and prints throughput, latency percentiles and error counts. Exit code 0 after a run (whatever the answers)
 * or the help, 2 on bad arguments (printed with the usage); no arguments at all print the help.
 */
@Command(
        name = "java -jar autoloop-loadgen.jar",
        customSynopsis = "java -jar autoloop-loadgen.jar --mode open|closed|kafka [OPTIONS]",
        sortOptions = false,
        usageHelpWidth = 110,
        description = "POSTs generated bodies to a loopback HTTP endpoint, or hands the same load to a Kafka producer,"
                + " and prints throughput, latency percentiles and errors.")
public final class LoadGen implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private final PrintStream out;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            description = {
                "open: fixed rate (--rate req/s); latency counted from each request's intended send time, so a slow"
                        + " server cannot hide its queueing (no coordinated omission)",
                "closed: max throughput: each of --connections sends its next request when answered",
                "kafka: baseline: each of --connections hands a batch of records to one Kafka producer and waits for"
                        + " its acknowledgements"
            })
    private String mode;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "HTTP target (loopback only), e.g. http://127.0.0.1:8081/v1/events")
    private URI url;

    @Option(
            names = "--header",
            paramLabel = "'Name: value'",
            description = "extra request header (repeatable), e.g. 'Authorization: Bearer KEY'")
    private List<String> headers = new ArrayList<>();

    @Option(
            names = "--content-type",
            paramLabel = "TYPE",
            defaultValue = "application/json",
            description = "default ${DEFAULT-VALUE}")
    private String contentType;

    @Option(
            names = "--body",
            paramLabel = "KIND[:ARG]",
            defaultValue = "feedback-events:100",
            description = "what to send; default ${DEFAULT-VALUE} (see the kinds below)")
    private String body;

    @Option(
            names = "--connections",
            paramLabel = "N",
            defaultValue = "8",
            description = "concurrent connections (workers); default ${DEFAULT-VALUE}, at most 1024")
    private int connections;

    @Option(
            names = "--rate",
            paramLabel = "R",
            defaultValue = "0",
            description = "open mode: requests per second, at most 200000")
    private double rate;

    @Option(
            names = "--duration",
            paramLabel = "D",
            defaultValue = "30s",
            description = "measured time after the warm-up, e.g. 30s, 2m; default ${DEFAULT-VALUE}, at most 10m")
    private Duration duration;

    @Option(
            names = "--warmup",
            paramLabel = "D",
            defaultValue = "5s",
            description = "time before measuring; default ${DEFAULT-VALUE}")
    private Duration warmup;

    @Option(names = "--requests", paramLabel = "N", description = "stop after N requests in total (warm-up included)")
    private long maxRequests = Long.MAX_VALUE;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "seed of the generated bodies; default ${DEFAULT-VALUE}")
    private long seed;

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:9092",
            description = "kafka mode: broker (loopback only); default ${DEFAULT-VALUE}")
    private String bootstrap;

    @Option(
            names = "--topic",
            paramLabel = "NAME",
            defaultValue = "feedback.events",
            description = "kafka mode: topic; default ${DEFAULT-VALUE}")
    private String topic;

    @Option(
            names = "--producer",
            paramLabel = "key=value",
            description = "kafka mode: producer setting (repeatable), over the collector's defaults")
    private Map<String, String> producer = new LinkedHashMap<>();

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help")
    private boolean help;

    LoadGen(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        CommandLine commandLine = commandLine(new LoadGen(System.out), System.err);
        System.exit(commandLine.execute(args.length == 0 ? new String[] {"--help"} : args));
    }

    /** The command line of {@code command}: help to its output, mistakes and their usage to {@code err}. */
    static CommandLine commandLine(LoadGen command, PrintStream err) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.registerConverter(Duration.class, LoadGen::duration);
        commandLine.setOut(new PrintWriter(command.out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> kinds = new ArrayList<>(List.of("", "body kinds:"));
        ServiceLoader.load(GeneratorFactory.class).forEach(kind -> kinds.add("  " + kind.description()));
        commandLine.getCommandSpec().usageMessage().footer(kinds.toArray(String[]::new));
        return commandLine;
    }

    /** The parsed options, checked. */
    Options options() {
        return new Options(
                mode,
                url,
                headers,
                contentType,
                body,
                connections,
                rate,
                duration,
                warmup,
                maxRequests,
                seed,
                bootstrap,
                topic,
                producer);
    }

    @Override
    public Integer call() {
        Options options;
        BodyGenerator bodies = null;
        RecordGenerator records = null;
        try {
            options = options();
            GeneratorFactory kind = GeneratorFactory.named(options.bodyKind());
            if (options.mode().equals("kafka")) {
                records = kind.records(options.bodyArgument(), options.seed());
            } else {
                bodies = kind.bodies(options.bodyArgument(), options.seed());
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
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
            case "open" -> outcome = Runs.open(options, bodies);
            case "closed" -> outcome = Runs.closed(options, bodies);
            default -> {
                Map<String, String> settings = Runs.producerSettings(options);
                out.println("producer:   " + new TreeMap<>(settings));
                outcome = Runs.kafka(options, records, settings);
                units = "batches";
            }
        }
        outcome.results().print(out, units, outcome.measuredSeconds());
        return 0;
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m} (a number of seconds or minutes may have decimals). */
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
            throw new TypeConversionException("'" + text + "' is not a duration such as 500ms, 30s or 2m.");
        }
        throw new TypeConversionException("'" + text + "' is not a duration such as 500ms, 30s or 2m.");
    }
}
