package io.autoloop.router.domain.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.contracts.Arm;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BucketingTest {

    private static final int USERS = 100_000;
    private static final String SEED = "9f1c2d7e-seed";

    private static String user(int i) {
        return String.format("%064x", (long) i * 0x9E3779B97F4A7C15L);
    }

    @ParameterizedTest
    @ValueSource(doubles = {5, 10, 25, 50, 100})
    void eachStepGetsItsShareOfUsersWithinOnePercentagePoint(double percent) {
        int buckets = Bucketing.bucketsOf(percent);

        long challengers = IntStream.range(0, USERS)
                .filter(i -> Bucketing.armOf(Bucketing.bucketOf(SEED, user(i)), buckets) == Arm.CHALLENGER)
                .count();

        assertThat((double) challengers / USERS).isCloseTo(percent / 100.0, within(0.01));
    }

    @Test
    void bucketsAreUniformAcrossTenDecilesWithinOnePercentagePoint() {
        int[] deciles = new int[10];
        for (int i = 0; i < USERS; i++) {
            deciles[Bucketing.bucketOf(SEED, user(i)) / (Bucketing.BUCKETS / 10)]++;
        }

        for (int count : deciles) {
            assertThat((double) count / USERS).isCloseTo(0.10, within(0.01));
        }
    }

    @Test
    void aChallengerUserStaysOnTheChallengerAsItsWeightWidens() {
        int[] steps = {500, 1_000, 2_500, 5_000, 10_000};
        for (int i = 0; i < USERS; i++) {
            int bucket = Bucketing.bucketOf(SEED, user(i));
            boolean seenChallenger = false;
            for (int step : steps) {
                Arm arm = Bucketing.armOf(bucket, step);
                assertThat(seenChallenger && arm == Arm.CHAMPION)
                        .as("user %d went back to the champion at %d buckets", i, step)
                        .isFalse();
                seenChallenger |= arm == Arm.CHALLENGER;
            }
        }
    }

    @Test
    void theBucketDependsOnlyOnSeedAndUserSoTwoInstancesAgree() {
        int[] first = IntStream.range(0, 1_000)
                .map(i -> Bucketing.bucketOf(SEED, user(i)))
                .toArray();
        int[] second = IntStream.range(0, 1_000)
                .map(i -> Bucketing.bucketOf(new String(SEED.toCharArray()), new String(user(i).toCharArray())))
                .toArray();

        assertThat(second).containsExactly(first);
        assertThat(Bucketing.bucketOf(SEED, "user-1")).isEqualTo(Bucketing.bucketOf(SEED, "user-1"));
    }

    @Test
    void anotherSeedReshufflesUsers() {
        long moved = IntStream.range(0, 10_000)
                .filter(i -> Bucketing.bucketOf(SEED, user(i)) != Bucketing.bucketOf("other-seed", user(i)))
                .count();

        assertThat(moved).isGreaterThan(9_900);
    }

    @Test
    void weightsConvertToBucketsAndBack() {
        assertThat(Bucketing.bucketsOf(5)).isEqualTo(500);
        assertThat(Bucketing.bucketsOf(0.5)).isEqualTo(50);
        assertThat(Bucketing.percentOf(2_500)).isEqualTo(25.0);
    }
}
