package io.autoloop.router.health;

import io.autoloop.testing.ReadinessChecks;
import io.autoloop.testing.RedisUnreachableProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RedisUnreachableProfile.class)
class ReadinessWithoutRedisTest {

    @Test
    void notReadyWhenRedisIsUnreachable() {
        ReadinessChecks.assertNotReadyBecauseOf("redis");
    }
}
