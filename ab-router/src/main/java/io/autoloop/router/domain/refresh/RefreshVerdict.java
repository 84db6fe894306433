package io.autoloop.router.domain.refresh;

import java.util.Map;
import java.util.Objects;

/**
 * The {@link RefreshGuard}'s judgement of a watched arm: keep watching, keep the refresh for good, or revert it; with
 * the reason as a sentence and the numbers behind it for the audit trail and the dashboard.
 */
public record RefreshVerdict(Outcome outcome, String reason, Map<String, Object> numbers) {

    /** What becomes of the watched refresh. */
    public enum Outcome {
        /** Not enough data or time yet: the arm stays watched. */
        WATCH,
        /** The window passed without a failing guardrail: the refresh stays and the watch ends. */
        KEEP,
        /** A guardrail failed: the arm goes back to the version it served before the watch. */
        REVERT
    }

    public RefreshVerdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        numbers = Map.copyOf(numbers);
    }
}
