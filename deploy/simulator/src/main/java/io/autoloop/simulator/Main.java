package io.autoloop.simulator;

import io.autoloop.simulator.cli.Mode;
import io.autoloop.simulator.cli.SimulatorCommand;
import io.autoloop.simulator.http.JsonHttp;
import io.autoloop.simulator.http.RetryPolicy;
import io.autoloop.simulator.replay.ObdImpression;
import io.autoloop.simulator.replay.ObdLog;
import io.autoloop.simulator.replay.ReplayTraffic;
import io.autoloop.simulator.run.Console;
import io.autoloop.simulator.run.RunSettings;
import io.autoloop.simulator.run.Runner;
import io.autoloop.simulator.run.Tally;
import io.autoloop.simulator.run.Traffic;
import io.autoloop.simulator.run.WorldTraffic;
import io.autoloop.simulator.world.World;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The simulated app's entry point: {@code world} runs the synthetic world, {@code replay-obd} replays the Open Bandit
 * logs (options in {@link SimulatorCommand}). Exit codes: 0 done (or help printed), 1 stopped by a refused key or
 * nothing ranked at all, 2 a usage or input mistake, printed with the usage.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, Console.system()));
    }

    static int run(String[] args, Console console) throws InterruptedException {
        CommandLine commandLine = SimulatorCommand.commandLine(console);
        Mode mode;
        Traffic traffic;
        String title;
        try {
            ParseResult parsed = commandLine.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                return OK;
            }
            mode = SimulatorCommand.mode(parsed, console.interactive());
            try {
                if (mode instanceof Mode.World world) {
                    traffic = new WorldTraffic(
                            World.generate(world.seed(), world.users(), world.items()),
                            world.candidates(),
                            world.limit(),
                            world.runId());
                    title = String.format(
                            Locale.ROOT,
                            "world seed %d (%,d users, %,d items, %d candidates, top %d), run %s",
                            world.seed(),
                            world.users(),
                            world.items(),
                            world.candidates(),
                            world.limit(),
                            world.runId());
                } else {
                    Mode.ReplayObd replay = (Mode.ReplayObd) mode;
                    List<ObdImpression> log = ObdLog.read(replay.data(), replay.policies(), replay.campaigns());
                    if (log.isEmpty()) {
                        throw new IllegalArgumentException(
                                "The Open Bandit files under " + replay.data() + " hold no rows.");
                    }
                    traffic = new ReplayTraffic(log, replay.runId());
                    title = String.format(
                            Locale.ROOT,
                            "replay-obd %s (%,d rows of %s × %s, logged %s to %s), run %s",
                            replay.data(),
                            log.size(),
                            String.join("+", replay.policies()),
                            String.join("+", replay.campaigns()),
                            log.get(0).loggedAt(),
                            log.get(log.size() - 1).loggedAt(),
                            replay.runId());
                }
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new ParameterException(parsed.subcommand().commandSpec().commandLine(), e.getMessage(), e);
            }
        } catch (ParameterException e) {
            return SimulatorCommand.usageError(e);
        }

        RunSettings settings = mode.settings();
        Clock clock = Clock.systemUTC();
        Runner runner = new Runner(settings, mode.targets(), console, clock, new JsonHttp(RetryPolicy.DEFAULT, clock));
        Thread hook = new Thread(() -> stopAndWait(runner), "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        console.info("Simulating " + title);
        console.info("  router " + mode.targets().router() + ", collector "
                + mode.targets().collector() + ", rate "
                + settings.rate() + "/s" + (settings.speed() == null ? "" : ", speed ×" + settings.speed())
                + (settings.duration() == null
                        ? ""
                        : ", for " + settings.duration().toString().substring(2).toLowerCase(Locale.ROOT))
                + (settings.maxRequests() == 0 ? "" : ", " + settings.maxRequests() + " requests")
                + (console.interactive() ? "; Ctrl-C ends the run" : ""));
        Tally.Snapshot result = runner.run(title, traffic);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C): the hook is waiting for the summary just printed
        }
        return result.fatal() != null || (result.rankRequests() > 0 && result.ranked() == 0) ? FAILED : OK;
    }

    /** Ctrl-C: ends the run and keeps the JVM alive until the summary is printed (at most a minute). */
    private static void stopAndWait(Runner runner) {
        runner.stop();
        try {
            runner.awaitFinished(Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
