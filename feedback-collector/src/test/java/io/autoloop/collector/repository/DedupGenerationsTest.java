package io.autoloop.collector.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.contracts.RedisKeys;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DedupGenerationsTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private final DedupGenerations weekly = new DedupGenerations(Duration.ofDays(7));

    @Test
    void aGenerationLastsOneTtlOfTheWallClock() {
        long start = 2_900 * 7 * DAY;

        assertThat(weekly.generation(start)).isEqualTo(2_900);
        assertThat(weekly.generation(start + 7 * DAY - 1)).isEqualTo(2_900);
        assertThat(weekly.generation(start + 7 * DAY)).isEqualTo(2_901);
        assertThat(weekly.generation(start - 1)).isEqualTo(2_899);
    }

    @Test
    void aMarkerIsRememberedForAtLeastOneTtlAndAtMostTwo() {
        long generationStart = 2_900 * 7 * DAY;
        for (long writtenAt : new long[] {generationStart, generationStart + DAY, generationStart + 7 * DAY - 1}) {
            long generation = weekly.generation(writtenAt);
            long expiresAtMillis = weekly.expiresAtSeconds(generation) * 1000;

            assertThat(expiresAtMillis - writtenAt)
                    .as("lifetime of a marker written at %d", writtenAt)
                    .isGreaterThanOrEqualTo(7 * DAY)
                    .isLessThanOrEqualTo(14 * DAY);
        }
    }

    @Test
    void expiryRoundsUpToWholeSeconds() {
        DedupGenerations odd = new DedupGenerations(Duration.ofMillis(1_500));

        // generation 3 ends at 6,000 ms and expires one TTL later, at 7,500 ms: second 8, never second 7
        assertThat(odd.expiresAtSeconds(3)).isEqualTo(8);
    }

    @Test
    void aLookupReadsEveryGenerationAMarkerWithinTheTtlCanBeIn() {
        long now = 2_900 * 7 * DAY + 3 * DAY;

        assertThat(weekly.lookupKeys("shop", now))
                .containsExactly(
                        RedisKeys.dedup("shop", 2_901), RedisKeys.dedup("shop", 2_900), RedisKeys.dedup("shop", 2_899));
        // every marker written in the last TTL is in one of them
        for (long age = 0; age <= 7 * DAY; age += DAY / 2) {
            assertThat(weekly.lookupKeys("shop", now)).contains(weekly.markKey("shop", now - age));
        }
        // and a replica whose clock runs ahead writes into the next one, which is read too
        assertThat(weekly.lookupKeys("shop", now)).contains(weekly.markKey("shop", 2_901 * 7 * DAY));
    }

    @Test
    void aTtlUnderOneSecondIsRefused() {
        assertThatThrownBy(() -> new DedupGenerations(Duration.ofMillis(999)))
                .hasMessageContaining("collector.dedup.ttl");
    }
}
