package io.autoloop.router.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The controller lease on the local stack's Redis: two replicas, {@code replica-a} and {@code replica-b}, contend for
 * the lease of a model of each test's own, so the application's own controller never touches it.
 */
@QuarkusTest
class ControllerLeaseTest {

    /** Long enough that a loaded machine's pauses between renewals stay well inside it. */
    private static final Duration TTL = Duration.ofSeconds(2);

    private static final Duration RENEWAL = Duration.ofMillis(250);

    @Inject
    ControllerLease lease;

    @Inject
    RedisDataSource redis;

    private final String model = "ctr-lease-" + UUID.randomUUID();

    @AfterEach
    void deleteTheLease() {
        redis.key().del(RedisKeys.controllerLease(model));
    }

    @Test
    void aSecondReplicaIsRefusedWhileTheHolderRenewsPastItsExpiry() throws InterruptedException {
        assertThat(lease.acquireOrRenew(model, "replica-a", TTL)).isTrue();

        long renewUntil = System.nanoTime() + TTL.multipliedBy(2).toNanos();
        while (System.nanoTime() < renewUntil) {
            Thread.sleep(RENEWAL.toMillis());
            assertThat(lease.acquireOrRenew(model, "replica-a", TTL))
                    .as("the holder renews")
                    .isTrue();
            assertThat(lease.acquireOrRenew(model, "replica-b", TTL))
                    .as("the other replica asks")
                    .isFalse();
        }

        assertThat(lease.holder(model)).isEqualTo("replica-a");
        assertThat(redis.key().pttl(RedisKeys.controllerLease(model))).isBetween(1L, TTL.toMillis());
    }

    @Test
    void aSecondReplicaTakesOverOnlyOnceTheHolderStoppedRenewingAndTheLeaseExpired() throws InterruptedException {
        // Given replica-a took the lease and renewed it for the last time at lastRenewal,
        assertThat(lease.acquireOrRenew(model, "replica-a", TTL)).isTrue();
        Thread.sleep(RENEWAL.toMillis());
        long lastRenewal = System.nanoTime();
        assertThat(lease.acquireOrRenew(model, "replica-a", TTL)).isTrue();

        // when replica-b asks every 50 ms,
        boolean taken = false;
        while (!taken && System.nanoTime() - lastRenewal < TTL.multipliedBy(5).toNanos()) {
            taken = lease.acquireOrRenew(model, "replica-b", TTL);
            if (!taken) {
                Thread.sleep(50);
            }
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - lastRenewal);

        // then it gets the lease, but not before the expiry of the last renewal, and replica-a has lost it.
        assertThat(taken)
                .as("replica-b took the lease within " + TTL.multipliedBy(5))
                .isTrue();
        assertThat(waited).isGreaterThanOrEqualTo(TTL);
        assertThat(lease.holder(model)).isEqualTo("replica-b");
        assertThat(lease.acquireOrRenew(model, "replica-a", TTL)).isFalse();
    }

    @Test
    void aReleasedLeaseIsTakenAtOnceAndOnlyItsHolderCanReleaseIt() {
        assertThat(lease.acquireOrRenew(model, "replica-a", TTL)).isTrue();

        lease.release(model, "replica-b");

        assertThat(lease.holder(model))
                .as("after a release by a replica that does not hold it")
                .isEqualTo("replica-a");
        assertThat(lease.acquireOrRenew(model, "replica-b", TTL)).isFalse();

        lease.release(model, "replica-a");

        assertThat(lease.holder(model)).isNull();
        assertThat(lease.acquireOrRenew(model, "replica-b", TTL)).isTrue();
        assertThat(lease.holder(model)).isEqualTo("replica-b");
    }
}
