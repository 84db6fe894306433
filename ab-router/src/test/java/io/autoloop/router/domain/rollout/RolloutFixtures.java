package io.autoloop.router.domain.rollout;

import io.autoloop.router.domain.guardrail.GuardrailLimits;
import java.time.Duration;
import java.util.List;

/** The default rollout policy of the router, for the domain tests. */
public final class RolloutFixtures {

    static final GuardrailLimits GUARDRAILS = new GuardrailLimits(0.01, 50.0, 100, 0.8, 1.25, 1_000, 3);

    private RolloutFixtures() {}

    public static RolloutPolicy policy(Duration attributionLag) {
        return new RolloutPolicy(
                List.of(500, 1_000, 2_500, 5_000, 10_000),
                1_000,
                0.02,
                Double.parseDouble(System.getProperty("sim.tau", "0.1")),
                0.05,
                0.001,
                GUARDRAILS,
                attributionLag,
                Duration.ofDays(7));
    }
}
