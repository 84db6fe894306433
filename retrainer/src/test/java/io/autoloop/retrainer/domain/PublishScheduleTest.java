package io.autoloop.retrainer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.Arm;
import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.retrainer.SyntheticSamples;
import io.autoloop.retrainer.TestLineages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublishScheduleTest {

    private static final Instant START = Instant.parse("2026-02-01T12:00:00Z");
    private static final long EVERY_SAMPLES = 500;
    private static final Duration EVERY = Duration.ofSeconds(60);

    private final PublishSchedule schedule = new PublishSchedule(EVERY_SAMPLES, EVERY, START);

    @Test
    void aCandidateIsDueAfterEverySamplesLongBeforeTheTimeTrigger() {
        Instant soon = START.plusSeconds(1);

        assertThat(schedule.due(EVERY_SAMPLES - 1, true, soon)).isFalse();
        assertThat(schedule.due(EVERY_SAMPLES, true, soon)).isTrue();
    }

    @Test
    void aCandidateIsDueAfterTheIntervalWhenASampleWasTrainedSince() {
        assertThat(schedule.due(1, true, START.plus(EVERY).minusMillis(1))).isFalse();
        assertThat(schedule.due(1, true, START.plus(EVERY))).isTrue();
    }

    @Test
    void withoutANewSampleNoCandidateIsDueHoweverLongItHasBeen() {
        assertThat(schedule.due(0, true, START.plus(EVERY.multipliedBy(100)))).isFalse();
    }

    @ParameterizedTest(name = "{0} samples after {1} s")
    @CsvSource({"500, 1", "1, 60"})
    void aDueCandidateWaitsUntilTheHoldoutWindowCanJudgeIt(long samples, long secondsAfterStart) {
        Instant now = START.plusSeconds(secondsAfterStart);

        assertThat(schedule.due(samples, false, now)).isFalse();
        assertThat(schedule.due(samples, true, now)).isTrue();
    }

    @Test
    void anAttemptStartsTheCountAndTheIntervalOver() {
        // Given: a trainer whose holdout window can judge, with a candidate due by count.
        Trainer trainer = Trainer.fresh(TestLineages.defaultOf("ctr", settings()), settings());
        Candidate initial = trainer.initial(START);
        trainer.published(initial);
        trainer.referenceChanged(new ServedVersions.Reference(Arm.CHAMPION, "0.1.0"), initial.model());
        SyntheticSamples samples = new SyntheticSamples(9);
        train(trainer, samples, EVERY_SAMPLES);
        Instant attempt = START.plusSeconds(5);
        assertThat(due(trainer, attempt)).isTrue();

        // When: the candidate is judged (rejected here; a published one starts over the same way).
        trainer.propose(attempt);
        trainer.rejected();
        schedule.attempted(attempt);

        // Then: a whole interval after the attempt, nothing is due without a new sample ...
        Instant intervalLater = attempt.plus(EVERY);
        assertThat(due(trainer, intervalLater)).isFalse();
        // ... one new sample makes it due then, not earlier ...
        train(trainer, samples, 1);
        assertThat(due(trainer, intervalLater.minusMillis(1))).isFalse();
        assertThat(due(trainer, intervalLater)).isTrue();
        // ... and the count restarted at the attempt too.
        train(trainer, samples, EVERY_SAMPLES - 2);
        assertThat(due(trainer, attempt.plusSeconds(1))).isFalse();
        train(trainer, samples, 1);
        assertThat(due(trainer, attempt.plusSeconds(1))).isTrue();
    }

    private boolean due(Trainer trainer, Instant now) {
        return schedule.due(trainer.samplesSinceLastAttempt(), trainer.canJudge(), now);
    }

    private static TrainerSettings settings() {
        return new TrainerSettings(
                new FeatureSpec(16, 0, List.of(new Cross("user", "item"))),
                FtrlParameters.defaults(),
                300,
                new GatePolicy(0.002, 1e-6, 100));
    }

    private static void train(Trainer trainer, SyntheticSamples samples, long count) {
        long first = trainer.recordsConsumed();
        for (long i = 0; i < count; i++) {
            trainer.accept("training.samples-0", first + i, samples.next());
        }
    }
}
