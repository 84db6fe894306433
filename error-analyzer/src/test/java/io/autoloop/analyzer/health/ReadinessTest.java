package io.autoloop.analyzer.health;

import io.autoloop.testing.ReadinessChecks;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReadinessTest {

    @Test
    void readyWhileKafkaIsReachable() {
        ReadinessChecks.assertReady();
    }

    @Test
    void servesPrometheusMetrics() {
        ReadinessChecks.assertMetricsServed();
    }
}
