package io.autoloop.router.domain.refresh;

import io.autoloop.contracts.Arm;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a model's refresh history, newest last in Redis: an arm refreshed to a newer version of its lineage,
 * a refresh kept after its watch, or one reverted by the {@link RefreshGuard}, with the reason and the numbers behind
 * it (the version's gate metrics for a refresh, the guard's readings for a keep or a revert).
 *
 * @param from the version the arm served before, null for a refresh of an arm that had none
 * @param to the version the arm serves after
 */
public record RefreshEntry(
        Instant at,
        Kind kind,
        Arm arm,
        String lineage,
        String from,
        String to,
        String reason,
        Map<String, Object> numbers) {

    /** What happened to the arm. */
    public enum Kind {
        REFRESH,
        KEEP,
        REVERT
    }

    public RefreshEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(arm, "arm");
        Objects.requireNonNull(to, "to");
        numbers = Map.copyOf(Objects.requireNonNullElse(numbers, Map.of()));
    }
}
