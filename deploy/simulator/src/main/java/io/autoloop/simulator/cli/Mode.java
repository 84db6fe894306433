package io.autoloop.simulator.cli;

import io.autoloop.simulator.http.Targets;
import io.autoloop.simulator.run.RunSettings;
import java.nio.file.Path;
import java.util.List;

/** The run the command line asked for: the synthetic world, or the Open Bandit replay, against the router and collector. */
public sealed interface Mode {

    Targets targets();

    RunSettings settings();

    /** Names the run's event ids ({@code EventIds}). */
    String runId();

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
            implements Mode {}

    /** Replay the Open Bandit logs under {@code data}. */
    record ReplayObd(
            Targets targets,
            RunSettings settings,
            String runId,
            Path data,
            List<String> policies,
            List<String> campaigns)
            implements Mode {

        public ReplayObd {
            policies = List.copyOf(policies);
            campaigns = List.copyOf(campaigns);
        }
    }
}
