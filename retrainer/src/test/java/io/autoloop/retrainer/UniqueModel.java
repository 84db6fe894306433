package io.autoloop.retrainer;

import io.autoloop.testing.TopicAdmin;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Gives the retrainer under test a model name and samples topic of its own ({@code ctr-it-<uuid>}, 3 partitions),
 * so tests sharing the local stack never meet; removes the topic and every Redis key of the model afterwards.
 */
public class UniqueModel implements QuarkusTestResourceLifecycleManager {

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String model = "ctr-it-" + suffix;
    private final String topic = "retrainer-it-" + suffix;

    @Override
    public Map<String, String> start() {
        try (TopicAdmin admin = TopicAdmin.localStack()) {
            admin.create(topic, 3);
        }
        return Map.of("retrainer.model-name", model, "retrainer.samples-topic", topic);
    }

    @Override
    public void stop() {
        try (TopicAdmin admin = TopicAdmin.localStack();
                TestRedis redis = new TestRedis()) {
            admin.delete(List.of(topic));
            redis.deleteModel(model);
        }
    }
}
