package io.autoloop.retrainer.health;

import io.autoloop.retrainer.UniqueModel;
import io.autoloop.testing.ReadinessChecks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(UniqueModel.class)
class ReadinessTest {

    @Test
    void readyWhileKafkaAndRedisAreReachable() {
        ReadinessChecks.assertReady();
    }

    @Test
    void servesPrometheusMetrics() {
        ReadinessChecks.assertMetricsServed();
    }
}
