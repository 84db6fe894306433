package io.autoloop.retrainer.health;

import io.autoloop.retrainer.UniqueModel;
import io.autoloop.testing.ReadinessChecks;
import io.autoloop.testing.RedisUnreachableProfile;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(UniqueModel.class)
@TestProfile(RedisUnreachableProfile.class)
class ReadinessWithoutRedisTest {

    @Test
    void notReadyWhenRedisIsUnreachable() {
        ReadinessChecks.assertNotReadyBecauseOf("redis");
    }
}
