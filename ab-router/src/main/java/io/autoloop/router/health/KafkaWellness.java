package io.autoloop.router.health;

import io.quarkus.kafka.client.runtime.KafkaAdminClient;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The wellness check {@code kafka} ({@code /q/health/well}, never readiness): consumes the cluster's description within
 * {@code kafka.default.api.timeout.ms} and produces UP with the number of brokers, or DOWN with the error and what the
 * router does meanwhile. Ranking sends its decisions without waiting: while Kafka is away they are buffered and, past
 * the buffer, counted, so Kafka's health must not take the router out of its load balancer.
 */
@Wellness
@ApplicationScoped
public class KafkaWellness implements HealthCheck {

    static final String NAME = "kafka";

    private final KafkaAdminClient admin;
    private final long timeoutMillis;

    KafkaWellness(KafkaAdminClient admin, @ConfigProperty(name = "kafka.default.api.timeout.ms") long timeoutMillis) {
        this.admin = admin;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int brokers = admin.getCluster()
                    .nodes()
                    .get(timeoutMillis, TimeUnit.MILLISECONDS)
                    .size();
            return HealthCheckResponse.named(NAME)
                    .up()
                    .withData("brokers", brokers)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return down(String.valueOf(e.getMessage()));
        }
    }

    private static HealthCheckResponse down(String error) {
        return HealthCheckResponse.named(NAME)
                .down()
                .withData("error", error)
                .withData(
                        "meanwhile",
                        "Ranking goes on; decisions are buffered (mp.messaging.emitter.default-buffer-size) and, past"
                                + " the buffer, counted in autoloop.decisions.dropped and autoloop.decisions.failed;"
                                + " new versions and analyses wait for Kafka.")
                .build();
    }
}
