package io.autoloop.retrainer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordQuarantineTest {

    private static final String PARTITION = "training.samples-3";

    private final RecordQuarantine quarantine = new RecordQuarantine();

    @Test
    void theSecondFailureOnTheSameRecordQuarantinesItWithTheLastFailuresMessage() {
        boolean first = quarantine.failed(PARTITION, 40, "first");
        boolean second = quarantine.failed(PARTITION, 40, "second");

        assertThat(List.of(first, second)).containsExactly(false, true);
        assertThat(quarantine.quarantined(PARTITION, 40)).contains("second");
    }

    @Test
    void failuresOnOtherRecordsInBetweenDoNotResetTheCount() {
        // given failures that alternate between two records of two partitions, as polls may order them
        quarantine.failed(PARTITION, 40, "a");
        quarantine.failed("training.samples-1", 40, "b");
        quarantine.failed(PARTITION, 41, "c");

        // when the first record fails again
        boolean quarantined = quarantine.failed(PARTITION, 40, "a again");

        // then it is quarantined, and only it
        assertThat(quarantined).isTrue();
        assertThat(quarantine.quarantined(PARTITION, 40)).contains("a again");
        assertThat(quarantine.quarantined("training.samples-1", 40)).isEmpty();
        assertThat(quarantine.quarantined(PARTITION, 41)).isEmpty();
    }

    @Test
    void aRecordThatFailedOnceAndWasThenTakenStartsAfreshIfItFailsLater() {
        quarantine.failed(PARTITION, 40, "a passing failure");
        quarantine.taken(PARTITION, 40);

        boolean quarantined = quarantine.failed(PARTITION, 40, "a failure after a restart from an older checkpoint");

        assertThat(quarantined).isFalse();
        assertThat(quarantine.quarantined(PARTITION, 40)).isEmpty();
    }

    @Test
    void aQuarantinedRecordIsForgottenOnceItIsBehindTheLoop() {
        quarantine.failed(PARTITION, 40, "x");
        quarantine.failed(PARTITION, 40, "x");

        quarantine.taken(PARTITION, 40);

        assertThat(quarantine.quarantined(PARTITION, 40)).isEmpty();
    }
}
