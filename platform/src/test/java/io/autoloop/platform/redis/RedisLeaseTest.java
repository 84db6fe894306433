package io.autoloop.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.autoloop.testing.LocalStack;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The lease on the local stack's Redis: two processes, {@code first} and {@code second}, contend for a lease of each
 * test's own key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisLeaseTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TTL = Duration.ofSeconds(30);

    private final Vertx vertx = Vertx.vertx();
    private final Redis redis = Redis.createClient(vertx, LocalStack.REDIS);
    private final RedisLease lease = new RedisLease(redis, TIMEOUT);
    private final String key = "platform-test:lease:" + UUID.randomUUID();

    @AfterEach
    void deleteTheLease() {
        redis.send(Request.cmd(Command.DEL).arg(key)).await().atMost(TIMEOUT);
    }

    @AfterAll
    void disconnect() {
        redis.close();
        vertx.closeAndAwait();
    }

    @Test
    void whileTheLeaseIsHeldAnotherProcessCanNeitherTakeRenewNorReleaseIt() {
        // Given first took the lease and took it again (a renewal),
        assertThat(lease.takeOrRenew(key, "first", TTL)).isTrue();
        assertThat(lease.takeOrRenew(key, "first", TTL))
                .as("taking one's own lease again")
                .isTrue();

        // when second tries every operation,
        boolean taken = lease.takeOrRenew(key, "second", TTL);
        boolean renewed = lease.renew(key, "second", TTL);
        boolean released = lease.release(key, "second");

        // then none succeeds and first still holds it.
        assertThat(new boolean[] {taken, renewed, released}).containsOnly(false);
        assertThat(lease.holder(key)).contains("first");
    }

    @Test
    void aReleasedLeaseIsFreeAndTakenAtOnce() {
        assertThat(lease.takeOrRenew(key, "first", TTL)).isTrue();

        assertThat(lease.release(key, "first")).isTrue();

        assertThat(lease.holder(key)).isEmpty();
        assertThat(lease.renew(key, "first", TTL))
                .as("renewing a released lease")
                .isFalse();
        assertThat(lease.takeOrRenew(key, "second", TTL)).isTrue();
        assertThat(lease.holder(key)).contains("second");
    }

    @Test
    void renewingExtendsTheLeaseToItsTimeToLiveFromNow() {
        assertThat(lease.takeOrRenew(key, "first", Duration.ofSeconds(2))).isTrue();

        assertThat(lease.renew(key, "first", TTL)).isTrue();

        assertThat(pttl()).isGreaterThan(Duration.ofSeconds(2).toMillis()).isLessThanOrEqualTo(TTL.toMillis());
    }

    @Test
    void aLeaseThatIsNotRenewedExpiresAndAnotherProcessTakesIt() {
        // Given first took a 300 ms lease and then stopped renewing it (a crash, a long pause),
        assertThat(lease.takeOrRenew(key, "first", Duration.ofMillis(300))).isTrue();
        assertThat(lease.takeOrRenew(key, "second", TTL)).isFalse();

        // when second keeps asking,
        await().atMost(TIMEOUT).until(() -> lease.takeOrRenew(key, "second", TTL));

        // then second holds it, and first can no longer renew it.
        assertThat(lease.holder(key)).contains("second");
        assertThat(lease.renew(key, "first", TTL)).isFalse();
    }

    @Test
    void aTimeToLiveUnderOneMillisecondIsRefused() {
        assertThatThrownBy(() -> lease.takeOrRenew(key, "first", Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A lease lives at least 1 ms; PT0.000999999S is too short.");
        assertThat(lease.holder(key)).isEmpty();
    }

    private long pttl() {
        return redis.send(Request.cmd(Command.PTTL).arg(key))
                .await()
                .atMost(TIMEOUT)
                .toLong();
    }
}
