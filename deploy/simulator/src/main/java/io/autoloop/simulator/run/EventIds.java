package io.autoloop.simulator.run;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids (the collector's idempotency keys): a name-based UUID of the run id and the event's place in the run.
 * The same run id and place give the same id, so when a batch sent again is published again (the collector is
 * at-least-once), the error-analyzer drops the copies; a new run id gives new ids, so a second run is not mistaken for
 * duplicates of the first.
 */
public final class EventIds {

    private EventIds() {}

    /** The id of the event at {@code place} (e.g. {@code visit/17/3}) of run {@code runId}. */
    public static String of(String runId, String place) {
        return UUID.nameUUIDFromBytes((runId + "/" + place).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
