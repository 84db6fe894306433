package io.autoloop.analyzer.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadReplacementsTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong now = new AtomicLong();
    private final ThreadReplacements replacements = new ThreadReplacements(3, WINDOW, registry, now::get);
    private final RuntimeException failure = new IllegalStateException("poisonous record");

    @Test
    void aFailedThreadIsReplacedThreeTimesWithinTheWindowAndTheFourthFailureShutsTheClientDown() {
        // Given: three failures a minute apart, then a fourth.
        StreamThreadExceptionResponse first = failAfter(Duration.ZERO);
        StreamThreadExceptionResponse second = failAfter(Duration.ofMinutes(1));
        StreamThreadExceptionResponse third = failAfter(Duration.ofMinutes(1));
        StreamThreadExceptionResponse fourth = failAfter(Duration.ofMinutes(1));

        // Then
        assertThat(first).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(second).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(third).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(fourth).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(count("replace-thread")).isEqualTo(3);
        assertThat(count("shutdown-client")).isEqualTo(1);
    }

    @Test
    void replacementsOlderThanTheWindowNoLongerCount() {
        // Given: three replacements, then the window passes since the first of them.
        failAfter(Duration.ZERO);
        failAfter(Duration.ofMinutes(4));
        failAfter(Duration.ofMinutes(4));

        // When: a failure ten minutes after the first.
        StreamThreadExceptionResponse response = failAfter(Duration.ofMinutes(2));

        // Then
        assertThat(response).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(count("replace-thread")).isEqualTo(4);
    }

    @Test
    void zeroReplacementsShutsTheClientDownAtTheFirstFailure() {
        ThreadReplacements none = new ThreadReplacements(0, WINDOW, registry, now::get);

        assertThat(none.handle(failure)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void aNegativeCountOrAnEmptyWindowIsRefusedWithASentence() {
        assertThatThrownBy(() -> new ThreadReplacements(-1, WINDOW, registry))
                .hasMessage("'analyzer.thread-replacements.max' must be 0 or more, but it is -1.");
        assertThatThrownBy(() -> new ThreadReplacements(3, Duration.ZERO, registry))
                .hasMessage("'analyzer.thread-replacements.window' must be a positive duration, but it is PT0S.");
    }

    private StreamThreadExceptionResponse failAfter(Duration elapsed) {
        now.addAndGet(elapsed.toNanos());
        return replacements.handle(failure);
    }

    private double count(String response) {
        return registry.counter(ThreadReplacements.FAILURES, "response", response)
                .count();
    }
}
