package io.autoloop.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Runs a service with its Redis pointing at a closed port. */
public class RedisUnreachableProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.redis.hosts", LocalStack.CLOSED_REDIS);
    }
}
