package io.autoloop.router.health;

import io.autoloop.testing.KafkaUnreachableProfile;
import io.autoloop.testing.ReadinessChecks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** With Kafka unreachable the router stays ready to rank (RankWithoutKafkaTest ranks) and reports Kafka unwell. */
@QuarkusTest
@TestProfile(KafkaUnreachableProfile.class)
class ReadinessWithoutKafkaTest {

    @Test
    void readyWhileKafkaIsUnreachableAndKafkaIsReportedUnwell() {
        ReadinessChecks.assertUnwellBecauseOf(KafkaWellness.NAME);
        ReadinessChecks.assertReady();
    }
}
