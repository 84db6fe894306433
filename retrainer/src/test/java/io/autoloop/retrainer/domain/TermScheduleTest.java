package io.autoloop.retrainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.retrainer.domain.TermSchedule.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TermScheduleTest {

    private static final Instant START = Instant.parse("2026-02-01T12:00:00Z");
    private static final Map<Task, Duration> EVERY = Map.of(
            Task.RENEW_LEASE, Duration.ofSeconds(5),
            Task.REFRESH_CHAMPION, Duration.ofSeconds(5),
            Task.ASSIGN_PARTITIONS, Duration.ofSeconds(30),
            Task.CHECKPOINT, Duration.ofSeconds(10),
            Task.REPORT_STATUS, Duration.ofSeconds(1),
            Task.REPORT_HEALTH, Duration.ofSeconds(5));

    private final TermSchedule schedule = new TermSchedule(EVERY, START);

    @ParameterizedTest
    @EnumSource(
            value = Task.class,
            names = {"REPORT_STATUS", "REPORT_HEALTH"},
            mode = EnumSource.Mode.EXCLUDE)
    void aTaskIsFirstDueOneIntervalAfterTheStartOfTheTerm(Task task) {
        Instant firstTurn = START.plus(EVERY.get(task));

        assertThat(schedule.due(task, firstTurn.minusMillis(1))).isFalse();
        assertThat(schedule.due(task, firstTurn)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(
            value = Task.class,
            names = {"REPORT_STATUS", "REPORT_HEALTH"})
    void theReportsAreDueAtOnceSoTheTermShowsAsActiveWithoutWaiting(Task report) {
        assertThat(schedule.due(report, START)).isTrue();
    }

    @Test
    void aTaskDoneLateIsDueAgainOneIntervalAfterItWasDoneNotAfterItWasDue() {
        // Given: the checkpoint was due at 10 s, and the loop got to it at 13 s.
        Instant late = START.plusSeconds(13);
        assertThat(schedule.due(Task.CHECKPOINT, late)).isTrue();

        // When
        schedule.done(Task.CHECKPOINT, late);

        // Then
        assertThat(schedule.due(Task.CHECKPOINT, START.plusSeconds(20))).isFalse();
        assertThat(schedule.due(Task.CHECKPOINT, late.plusSeconds(10).minusMillis(1)))
                .isFalse();
        assertThat(schedule.due(Task.CHECKPOINT, late.plusSeconds(10))).isTrue();
    }

    @Test
    void aCheckpointWrittenByAPublishPutsOffTheTimedOne() {
        // Given: a publish 9 s into the term wrote a checkpoint with the model.
        Instant publish = START.plusSeconds(9);

        // When
        schedule.done(Task.CHECKPOINT, publish);

        // Then: no timed checkpoint at 10 s; the next one is due 10 s after the publish.
        assertThat(schedule.due(Task.CHECKPOINT, START.plusSeconds(10))).isFalse();
        assertThat(schedule.due(Task.CHECKPOINT, publish.plusSeconds(10))).isTrue();
        assertThat(schedule.lastDone(Task.CHECKPOINT)).contains(publish);
    }

    @Test
    void doingOneTaskLeavesTheOthersWhereTheyWere() {
        Instant now = START.plusSeconds(5);

        schedule.done(Task.RENEW_LEASE, now);

        assertThat(schedule.due(Task.RENEW_LEASE, now)).isFalse();
        assertThat(schedule.due(Task.REFRESH_CHAMPION, now)).isTrue();
        assertThat(schedule.due(Task.REPORT_STATUS, now)).isTrue();
        assertThat(schedule.lastDone(Task.REFRESH_CHAMPION)).isEmpty();
    }

    @Test
    void aZeroIntervalMakesATaskDueAfterEveryBatch() {
        Map<Task, Duration> every = new EnumMap<>(EVERY);
        every.put(Task.CHECKPOINT, Duration.ZERO);
        TermSchedule eager = new TermSchedule(every, START);

        eager.done(Task.CHECKPOINT, START);

        assertThat(eager.due(Task.CHECKPOINT, START)).isTrue();
    }

    @Test
    void aTaskWithoutAnIntervalIsRefused() {
        Map<Task, Duration> every = new EnumMap<>(EVERY);
        every.remove(Task.ASSIGN_PARTITIONS);

        assertThatThrownBy(() -> new TermSchedule(every, START))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The interval of ASSIGN_PARTITIONS must be zero or positive, but it is null.");
    }

    @Test
    void aNegativeIntervalIsRefused() {
        Map<Task, Duration> every = new EnumMap<>(EVERY);
        every.put(Task.RENEW_LEASE, Duration.ofSeconds(-1));

        assertThatThrownBy(() -> new TermSchedule(every, START))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The interval of RENEW_LEASE must be zero or positive, but it is PT-1S.");
    }
}
