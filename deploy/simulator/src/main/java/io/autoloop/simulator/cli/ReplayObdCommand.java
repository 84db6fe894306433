package io.autoloop.simulator.cli;

import io.autoloop.simulator.replay.ObdFolder;
import io.autoloop.simulator.replay.ObdLog;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code replay-obd}: the options of an Open Bandit replay, made into a {@link Mode.ReplayObd}. */
@Command(
        name = "replay-obd",
        sortOptions = false,
        abbreviateSynopsis = true,
        description = "Replays the Open Bandit logs as impressions and clicks, one ranking request per logged row.")
final class ReplayObdCommand implements ModeCommand {

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "the Open Bandit folder holding random/ and bts/ (default: the repository's data/obd, found"
                    + " from the working directory or from this jar upwards)")
    private Path data;

    @Option(
            names = "--policies",
            paramLabel = "LIST",
            description = "behaviour policies to replay, of random,bts (default both)")
    private String policies;

    @Option(
            names = "--campaigns",
            paramLabel = "LIST",
            description = "campaigns to replay, of men,women (default both)")
    private String campaigns;

    @Option(
            names = "--rate",
            paramLabel = "R",
            defaultValue = "200",
            description = "most rows per second (default ${DEFAULT-VALUE})")
    private double rate;

    @Option(
            names = "--speed",
            paramLabel = "F",
            description = "follow the logged times F times faster (still at most --rate rows/s)")
    private Double speed;

    @Mixin
    private RunOptions run;

    @Override
    public Mode.ReplayObd mode(boolean interactive) {
        return new Mode.ReplayObd(
                run.targets(),
                run.settings(rate, speed, interactive),
                run.runId(),
                data != null ? data : ObdFolder.find(),
                list("--policies", policies, ObdLog.POLICIES),
                list("--campaigns", campaigns, ObdLog.CAMPAIGNS));
    }

    /** The comma-separated {@code text}, each one of {@code known}; all of {@code known} when not given. */
    private static List<String> list(String option, String text, List<String> known) {
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
                        option + " names '" + value + "'; use " + String.join(" and/or ", known) + ".");
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(option + " must name at least one of " + String.join(", ", known) + ".");
        }
        return values;
    }
}
