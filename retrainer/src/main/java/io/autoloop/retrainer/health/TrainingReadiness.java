package io.autoloop.retrainer.health;

import io.autoloop.contracts.TrainerHealth;
import io.autoloop.retrainer.service.TrainerMonitor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The {@code training} entry of {@code /q/health/ready}: consumes this instance's role and the health of its training
 * ({@link TrainerMonitor#health}), and produces a check that is always UP, with the details: {@code role}, and while
 * this instance trains, {@code state} (healthy, stalled or failing), {@code detail}, {@code lastLearnedAt} and
 * {@code lag}.
 *
 * <p>Always UP on purpose: a stalled or failing trainer is an alert (the {@code autoloop.trainer.stalled} gauge, the
 * router's dashboard), not a reason to take the instance out of service. Taking it out would not make it learn, would
 * hide {@code GET /v1/models} and the admin's publish when they are needed to diagnose, and would fail every standby,
 * which has nothing to learn.
 */
@Readiness
@ApplicationScoped
public class TrainingReadiness implements HealthCheck {

    private final TrainerMonitor monitor;
    private final Clock clock = Clock.systemUTC();

    public TrainingReadiness(TrainerMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public HealthCheckResponse call() {
        Instant now = clock.instant();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("training")
                .up()
                .withData("role", monitor.status().role());
        Optional<TrainerHealth> health = monitor.health(now);
        health.ifPresent(report -> {
            response.withData("state", report.state().wireName());
            response.withData("lag", report.lag());
            if (report.detail() != null) {
                response.withData("detail", report.detail());
            }
            if (report.lastLearnedAt() != null) {
                response.withData("lastLearnedAt", report.lastLearnedAt().toString());
            }
        });
        return response.build();
    }
}
