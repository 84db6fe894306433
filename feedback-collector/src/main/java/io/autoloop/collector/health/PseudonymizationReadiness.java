package io.autoloop.collector.health;

import io.autoloop.collector.config.CollectorConfig;
import io.autoloop.contracts.privacy.PseudonymizationTerms;
import io.autoloop.contracts.privacy.Pseudonymizer;
import io.autoloop.platform.redis.PseudonymizationAgreement;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@code pseudonymization}: consumes the verdict of the platform's
 * {@link PseudonymizationAgreement} over this collector's secret and app ids, which it starts with the application, and produces DOWN, with the sentence
 * why, while they differ from those in force for the routers and collectors of {@code collector.pseudonymization-scope}.
 */
@Readiness
@ApplicationScoped
public class PseudonymizationReadiness implements HealthCheck {

    static final String NAME = "pseudonymization";

    private final PseudonymizationAgreement agreement;

    PseudonymizationReadiness(
            Redis redis,
            @ConfigProperty(name = "quarkus.redis.timeout") Duration timeout,
            CollectorConfig config,
            Pseudonymizer pseudonymizer) {
        this.agreement = new PseudonymizationAgreement(
                redis,
                timeout,
                config.pseudonymizationScope(),
                PseudonymizationAgreement.publisherOf("feedback-collector"),
                PseudonymizationTerms.of(pseudonymizer, config.apiKeys().keySet()));
    }

    void onStart(@Observes StartupEvent started) {
        agreement.start();
    }

    void onStop(@Observes ShutdownEvent stopped) {
        agreement.close();
    }

    @Override
    public HealthCheckResponse call() {
        PseudonymizationAgreement.Verdict verdict = agreement.verdict();
        return HealthCheckResponse.named(NAME)
                .status(!verdict.refused())
                .withData("verdict", verdict.sentence())
                .build();
    }
}
