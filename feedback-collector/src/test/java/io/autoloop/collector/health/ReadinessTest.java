package io.autoloop.collector.health;

import io.autoloop.testing.ReadinessChecks;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReadinessTest {

    @Test
    void readyWhileKafkaAndRedisAreReachable() {
        ReadinessChecks.assertReady();
    }

    @Test
    void wellWhileRedisIsReachable() {
        ReadinessChecks.assertWell();
    }

    @Test
    void servesPrometheusMetrics() {
        ReadinessChecks.assertMetricsServed();
    }
}
