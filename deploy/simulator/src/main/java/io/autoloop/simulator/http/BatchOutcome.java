package io.autoloop.simulator.http;

import java.util.List;

/**
 * What became of one batch of events sent to the feedback-collector, event by event: every event of the batch is
 * counted exactly once as accepted, duplicate, rejected or failed.
 *
 * @param problems one sentence per rejected event, or one for a whole rejected or failed request
 * @param failed events neither stored nor refused for their content: the collector stayed unavailable, refused the
 *     key, or answered something unexpected
 * @param unauthorized whether the collector refused the API key (retrying cannot help)
 */
public record BatchOutcome(
        int events,
        int accepted,
        int duplicates,
        int rejected,
        int failed,
        int retries,
        boolean unauthorized,
        List<String> problems) {

    public BatchOutcome {
        problems = List.copyOf(problems);
        if (accepted + duplicates + rejected + failed != events) {
            throw new IllegalArgumentException("A batch outcome must account for each of its " + events
                    + " events once, but it counts " + accepted + " accepted, " + duplicates + " duplicates, "
                    + rejected + " rejected and " + failed + " failed.");
        }
    }
}
