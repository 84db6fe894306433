package io.autoloop.collector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimeTest {

    private static final Instant RECEIVED = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void eventTimeIsReceivedAtLessTheClientsSendDelay() {
        Instant timestamp = Instant.parse("2025-03-04T08:00:00Z"); // client clock 3 days fast
        Instant sentAt = Instant.parse("2025-03-04T08:00:07.250Z");

        assertThat(EventTime.corrected(RECEIVED, timestamp, sentAt))
                .isEqualTo(Instant.parse("2025-03-01T11:59:52.750Z"));
    }

    @Test
    void withoutSentAtTheTimestampIsTaken() {
        Instant timestamp = Instant.parse("2025-03-01T11:00:00Z");

        assertThat(EventTime.corrected(RECEIVED, timestamp, null)).isEqualTo(timestamp);
    }

    @Test
    void sentAtEqualToTimestampMeansReceivedAt() {
        Instant timestamp = Instant.parse("2020-01-01T00:00:00Z");

        assertThat(EventTime.corrected(RECEIVED, timestamp, timestamp)).isEqualTo(RECEIVED);
    }
}
