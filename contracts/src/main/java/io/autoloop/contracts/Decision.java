package io.autoloop.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A ranking the ab-router served, logged on {@code serving.decisions} keyed by {@code decisionId}.
 *
 * <p>{@code experimentId} is null when no experiment was running; {@code modelVersion} is null when
 * no model existed yet and the candidates were served in their given order.
 */
public record Decision(
        int schemaVersion,
        String decisionId,
        String userId,
        String experimentId,
        Arm arm,
        String modelVersion,
        Instant servedAt,
        List<ServedItem> items) {

    public static final int SCHEMA_VERSION = 1;
    private static final String NAME = "Decision";

    public Decision {
        schemaVersion = Require.schemaVersion(schemaVersion, SCHEMA_VERSION, NAME);
        Require.text(decisionId, NAME, "decisionId");
        Require.text(userId, NAME, "userId");
        Require.present(arm, NAME, "arm");
        Require.present(servedAt, NAME, "servedAt");
        Require.present(items, NAME, "items");
        if (items.isEmpty()) {
            throw new IllegalArgumentException("A Decision needs at least one served item, but 'items' is empty.");
        }
        items = List.copyOf(items);
    }
}
