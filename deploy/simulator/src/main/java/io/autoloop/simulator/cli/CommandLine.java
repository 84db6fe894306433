package io.autoloop.simulator.cli;

import io.autoloop.simulator.http.Targets;
import io.autoloop.simulator.replay.ObdLog;
import io.autoloop.simulator.run.RunSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Parses {@code world [options]} and {@code replay-obd [options]} into a {@link Command}; every mistake is an
 * {@link IllegalArgumentException} with a sentence naming the option. Options are {@code --name value} or
 * {@code --name=value}.
 */
public final class CommandLine {

    public static final String USAGE = """
            usage: java -jar autoloop-simulator.jar world      [options]
                   java -jar autoloop-simulator.jar replay-obd [options]

            world: a seeded synthetic world of users and items with a hidden true click model; ranks with the
            ab-router, draws impressions, clicks, dwell, ratings and conversions, and sends them to the collector.
              --seed N            world seed (default 42)
              --users N           users in the world (default 5000)
              --items N           items in the catalogue (default 500)
              --candidates N      candidates per ranking request, 1-1000 (default 50)
              --limit N           ranked items shown per request (default 10)
              --rate R            ranking requests per second (default 20)

            replay-obd: replays the Open Bandit logs as impressions and clicks, one ranking request per logged row.
              --data DIR          the Open Bandit folder holding random/ and bts/ (default ../shared/data/obd)
              --policies LIST     behaviour policies to replay, of random,bts (default both)
              --campaigns LIST    campaigns to replay, of men,women (default both)
              --rate R            most rows per second (default 200)
              --speed F           follow the logged times F times faster (still at most --rate rows/s)

            both:
              --duration D        stop after D (e.g. 90s, 10m, 1h; default: no bound)
              --requests N        stop after N ranking requests (default: no bound; replay: the whole log)
              --router URL        ab-router base URL (default http://127.0.0.1:8080)
              --collector URL     feedback-collector base URL (default http://127.0.0.1:8081)
              --key KEY           the app's API key (default autoloop-dev-key, dev/test/local profiles only)
              --admin-key KEY     admin key to read experiments (default autoloop-dev-admin-key)
              --model NAME        the model whose experiment the progress line shows (default ctr)
              --threads N         ranking requests in flight at most (default 4)
              --batch-size N      events per collector request, 1-500 (default 100)
              --linger D          longest wait for a batch to fill (default 200ms)
              --progress D        time between progress lines (default 1s on a terminal, 10s otherwise)
              --run-id ID         names this run's event ids; the same id sends the same ids (default: random)

            Only loopback URLs are accepted. Ctrl-C ends the run and prints the summary.""";

    /** The most candidates the router ranks in one request. */
    static final int MAX_CANDIDATES = 1_000;

    private static final Set<String> COMMON = Set.of(
            "duration",
            "requests",
            "router",
            "collector",
            "key",
            "admin-key",
            "model",
            "threads",
            "batch-size",
            "linger",
            "progress",
            "run-id",
            "rate");
    private static final Set<String> WORLD = Set.of("seed", "users", "items", "candidates", "limit");
    private static final Set<String> REPLAY = Set.of("data", "policies", "campaigns", "speed");

    private CommandLine() {}

    /**
     * Parses the arguments.
     *
     * @param interactive whether output goes to a terminal (sets the default progress interval)
     */
    public static Command parse(String[] args, boolean interactive) {
        if (args.length == 0) {
            throw new IllegalArgumentException("Name a mode: world or replay-obd.");
        }
        String mode = args[0];
        if (mode.equals("--help") || mode.equals("-h") || mode.equals("help")) {
            return new Command.Help();
        }
        if (!mode.equals("world") && !mode.equals("replay-obd")) {
            throw new IllegalArgumentException("The mode '" + mode + "' is unknown; use world or replay-obd.");
        }
        boolean world = mode.equals("world");
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        if (options.containsKey("help")) {
            return new Command.Help();
        }
        Set<String> allowed = new TreeSet<>(COMMON);
        allowed.addAll(world ? WORLD : REPLAY);
        for (String name : options.keySet()) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("The option --" + name + " is unknown for " + mode + "; it takes --"
                        + String.join(", --", allowed) + ".");
            }
        }
        Targets targets = new Targets(
                Targets.parse("router", options.getOrDefault("router", Targets.DEFAULT_ROUTER)),
                Targets.parse("collector", options.getOrDefault("collector", Targets.DEFAULT_COLLECTOR)),
                options.getOrDefault("key", Targets.DEV_API_KEY),
                options.getOrDefault("admin-key", Targets.DEV_ADMIN_KEY));
        String runId = options.getOrDefault("run-id", UUID.randomUUID().toString());
        RunSettings settings = new RunSettings(
                decimal(options, "rate", world ? 20 : 200),
                options.containsKey("duration") ? duration("duration", options.get("duration")) : null,
                whole(options, "requests", 0),
                options.containsKey("speed") ? decimal(options, "speed", 1) : null,
                (int) whole(options, "threads", 4),
                (int) whole(options, "batch-size", 100),
                duration("linger", options.getOrDefault("linger", "200ms")),
                duration("progress", options.getOrDefault("progress", interactive ? "1s" : "10s")),
                Duration.ofSeconds(5),
                options.getOrDefault("model", "ctr"));
        if (settings.progressEvery().isZero() || settings.progressEvery().isNegative()) {
            throw new IllegalArgumentException(
                    "--progress must be positive, but it is " + settings.progressEvery() + ".");
        }
        if (world) {
            long candidates = positive(options, "candidates", 50);
            if (candidates > MAX_CANDIDATES) {
                throw new IllegalArgumentException(
                        "--candidates must be 1 to 1,000 (the router's bound), but it is " + candidates + ".");
            }
            return new Command.World(
                    targets,
                    settings,
                    runId,
                    whole(options, "seed", 42),
                    (int) positive(options, "users", 5_000),
                    (int) positive(options, "items", 500),
                    (int) candidates,
                    (int) positive(options, "limit", 10));
        }
        return new Command.ReplayObd(
                targets,
                settings,
                runId,
                Path.of(options.getOrDefault("data", "../shared/data/obd")),
                list(options, "policies", ObdLog.POLICIES),
                list(options, "campaigns", ObdLog.CAMPAIGNS));
    }

    /** Parses a duration: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, a bare number of seconds, or ISO-8601. */
    static Duration duration(String name, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("pt") || value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            char unit = value.charAt(value.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
            }
            double amount = Double.parseDouble(value.substring(0, value.length() - 1));
            long seconds = switch (unit) {
                case 's' -> 1;
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86_400;
                default -> throw new NumberFormatException();
            };
            return Duration.ofMillis(Math.round(amount * seconds * 1000));
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    "--" + name + " '" + text + "' is not a duration; write e.g. 500ms, 30s, 10m or 1h.");
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("'" + arg + "' is not an option; options look like --rate 20.");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (name.equals("help")) {
                value = "";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("The option --" + name + " needs a value.");
            }
            if (options.put(name, value) != null) {
                throw new IllegalArgumentException("The option --" + name + " is given twice.");
            }
        }
        return options;
    }

    private static double decimal(Map<String, String> options, String name, double fallback) {
        String text = options.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " '" + text + "' is not a number.");
        }
    }

    private static long whole(Map<String, String> options, String name, long fallback) {
        String text = options.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " '" + text + "' is not a whole number.");
        }
    }

    private static long positive(Map<String, String> options, String name, long fallback) {
        long value = whole(options, name, fallback);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "--" + name + " must be a positive whole number, but it is " + value + ".");
        }
        return value;
    }

    private static List<String> list(Map<String, String> options, String name, List<String> known) {
        String text = options.get(name);
        if (text == null) {
            return known;
        }
        List<String> values = Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .toList();
        for (String value : values) {
            if (!known.contains(value)) {
                throw new IllegalArgumentException(
                        "--" + name + " names '" + value + "'; use " + String.join(" and/or ", known) + ".");
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(
                    "--" + name + " must name at least one of " + String.join(", ", known) + ".");
        }
        return values;
    }
}
