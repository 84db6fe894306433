package io.autoloop.retrainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
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
        try (TestKafka kafka = new TestKafka()) {
            kafka.createTopic(topic, 3);
        }
        return Map.of("retrainer.model-name", model, "retrainer.samples-topic", topic);
    }

    @Override
    public void stop() {
        try (TestKafka kafka = new TestKafka();
                TestRedis redis = new TestRedis()) {
            kafka.deleteTopic(topic);
            redis.deleteModel(model);
        }
    }
}
