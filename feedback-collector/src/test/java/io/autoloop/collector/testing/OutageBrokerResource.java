package io.autoloop.collector.testing;

import io.autoloop.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

/**
 * Runs the service against a private {@link OutageBroker} that the test can kill and restart, with a 3 s
 * send timeout so that an outage answers 503 quickly. The test gets the broker in a field annotated
 * {@link Broker}.
 */
public class OutageBrokerResource implements QuarkusTestResourceLifecycleManager {

    /** Marks the test's {@link OutageBroker} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Broker {}

    /** The topics the collector writes, created on the outage broker. */
    public static final List<String> TOPICS = List.of(Topics.FEEDBACK_EVENTS.name(), Topics.FEEDBACK_REJECTED.name());

    private OutageBroker broker;

    @Override
    public Map<String, String> start() {
        broker = OutageBroker.create();
        broker.start(TOPICS);
        return Map.of(
                "kafka.bootstrap.servers", broker.bootstrap(),
                "collector.producer.send-timeout", "3s",
                "collector.producer.retry-after", "1s");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(broker, new TestInjector.AnnotatedAndMatchesType(Broker.class, OutageBroker.class));
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
