package io.autoloop.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * Runs the service against a private {@link OutageRedis} that the test stops for an outage; the test gets it in a field
 * annotated {@link Server}.
 */
public class OutageRedisResource implements QuarkusTestResourceLifecycleManager {

    /** Marks the test's {@link OutageRedis} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {}

    private OutageRedis redis;

    @Override
    public Map<String, String> start() {
        redis = OutageRedis.start();
        return Map.of("quarkus.redis.hosts", redis.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(redis, new TestInjector.AnnotatedAndMatchesType(Server.class, OutageRedis.class));
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.close();
        }
    }
}
