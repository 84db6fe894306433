package io.autoloop.analyzer.health;

import io.autoloop.testing.KafkaUnreachableProfile;
import io.autoloop.testing.ReadinessChecks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(KafkaUnreachableProfile.class)
class ReadinessWithoutKafkaTest {

    @Test
    void notReadyWhenKafkaIsUnreachable() {
        ReadinessChecks.assertNotReadyBecauseOf("kafka");
    }
}
