package io.autoloop.simulator.cli;

import io.autoloop.simulator.http.Targets;
import io.autoloop.simulator.run.RunSettings;
import java.nio.file.Path;
import java.util.List;

/** What the command line asked for. */
public sealed interface Command {

    /** Print the usage. */
    record Help() implements Command {}

    /** A run against the router and the collector. */
    sealed interface Run extends Command {

        Targets targets();

        RunSettings settings();

        /** Names the run's event ids ({@code EventIds}). */
        String runId();
    }

    /** Run the synthetic world of {@code seed}. */
    record World(
            Targets targets,
            RunSettings settings,
            String runId,
            long seed,
            int users,
            int items,
            int candidates,
            int limit)
            implements Run {}

    /** Replay the Open Bandit logs under {@code data}. */
    record ReplayObd(
            Targets targets,
            RunSettings settings,
            String runId,
            Path data,
            List<String> policies,
            List<String> campaigns)
            implements Run {

        public ReplayObd {
            policies = List.copyOf(policies);
            campaigns = List.copyOf(campaigns);
        }
    }
}
