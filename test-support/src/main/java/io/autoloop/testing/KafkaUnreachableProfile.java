package io.autoloop.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Runs a service with its Kafka bootstrap servers pointing at a closed port. */
public class KafkaUnreachableProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "kafka.bootstrap.servers", LocalStack.CLOSED_KAFKA,
                "quarkus.kafka-streams.bootstrap-servers", LocalStack.CLOSED_KAFKA);
    }
}
