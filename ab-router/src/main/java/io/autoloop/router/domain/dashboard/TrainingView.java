package io.autoloop.router.domain.dashboard;

import io.autoloop.contracts.TrainerHealth;
import java.time.Instant;
import java.util.List;

/**
 * The training of the router's model as the dashboard's banner shows it: consumes the {@link TrainerHealth} the active
 * retrainer last wrote to Redis (if any) and produces its alerts at one instant.
 *
 * @param model the model name
 * @param trainer the retrainer's last report as written, stale or not; null when there is none
 * @param alerts what needs attention: empty while training is healthy and reported
 */
public record TrainingView(String model, TrainerHealth trainer, List<Alert> alerts) {

    public TrainingView {
        alerts = List.copyOf(alerts);
    }

    /** The view of {@code model}'s training at {@code now}, from {@code trainer} (null when none reported). */
    public static TrainingView of(String model, TrainerHealth trainer, Instant now) {
        return new TrainingView(model, trainer, Alert.ofTraining(trainer, now));
    }
}
