package io.autoloop.router.domain.rollout;

import java.time.Instant;
import java.util.Map;

/**
 * One change of an experiment's phase or weight, with who made it, why, and the numbers that justified it.
 *
 * @param from the phase before, null for the creation
 * @param fromWeight the challenger's traffic before, in percent
 * @param toWeight the challenger's traffic after, in percent
 * @param actor {@code controller} for automatic transitions, the admin otherwise
 * @param numbers the counts, lift, interval, p-values and guardrail readings behind the decision
 */
public record Transition(
        Instant at,
        Action action,
        Phase from,
        Phase to,
        double fromWeight,
        double toWeight,
        String actor,
        String reason,
        Map<String, Object> numbers) {

    public Transition {
        numbers = Map.copyOf(numbers);
    }
}
