package io.autoloop.router.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * A router of its own model (a fresh {@code ctr-test-<uuid>} per start) whose controller analyses every second, needs
 * 200 impressions per arm (100 of the challenger's per safety step) and no settle time, and whose refresh guard watches
 * a refresh for 20 s and judges reports of 200 samples. Error rate and latency are judged from a single request, with
 * a latency limit a cold JVM on a loaded machine meets: the safety steps need them measured, and they must not judge
 * the machine.
 */
public class FastRolloutProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "router.experiment.interval", "1s",
                "router.experiment.min-impressions", "200",
                "router.experiment.min-exposure", "100",
                "router.experiment.settle-time", "0s",
                "router.guardrails.min-requests", "1",
                "router.guardrails.max-p99-latency", "10s",
                "router.refresh.window", "20s",
                "router.refresh.min-samples", "200");
    }

    /** The same settings in a router of its own (another model name), for a second test class. */
    public static class Isolated extends FastRolloutProfile {}

    /**
     * The same settings in a router of its own for the dashboard's browser test, with room for Redis calls while
     * Chromium competes for the machine's cores.
     */
    public static class Dashboard extends FastRolloutProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("quarkus.redis.timeout", "10s");
            return overrides;
        }
    }
}
