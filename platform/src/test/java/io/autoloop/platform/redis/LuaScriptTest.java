package io.autoloop.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.testing.LocalStack;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The script runner on the local stack's Redis. Each run uses a script of its own (its text holds a random id), so
 * its SHA-1 is known to no one else.
 *
 * <p>{@link #aFlushedServerStillRunsTheScript} sends {@code SCRIPT FLUSH}, which empties the script cache of the whole
 * server, the scripts of every other process and test using it included. That is harmless by design: every Autoloop
 * script runs through {@link LuaScript}, whose next call falls back from {@code EVALSHA} to {@code EVAL} on
 * {@code NOSCRIPT} and caches the script again, which is what this test shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LuaScriptTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Vertx vertx = Vertx.vertx();
    private final Redis redis = Redis.createClient(vertx, LocalStack.REDIS);

    /** Answers its keys and arguments as given: {KEYS[1], ARGV[1], ARGV[2], ARGV[3]}. */
    private final String echoText =
            "-- LuaScriptTest " + UUID.randomUUID() + "\nreturn {KEYS[1], ARGV[1], ARGV[2], ARGV[3]}\n";

    private final LuaScript echo = LuaScript.of(echoText);

    @AfterAll
    void disconnect() {
        redis.close();
        vertx.closeAndAwait();
    }

    @Test
    void theShaIsTheNameRedisGivesTheScript() {
        Response loaded = send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(echoText));

        assertThat(echo.sha()).isEqualTo(loaded.toString());
    }

    @Test
    void keysAndArgumentsArriveAsSentEvenBytesThatAreNoText() {
        // Given bytes that are not UTF-8 (a NUL, 0xFF, a lone continuation byte, a newline), a text and a number
        byte[] bytes = {0, (byte) 0xFF, (byte) 0x80, '\n', 'a'};

        // when the script answers them back (reactive form)
        Response answer = echo.run(redis, List.of("some:key"), List.of(bytes, "é ✓", 1_700_000_000_000L))
                .await()
                .atMost(TIMEOUT);

        // then each arrived unchanged
        assertThat(answer.get(0).toString()).isEqualTo("some:key");
        assertThat(answer.get(1).toBytes()).isEqualTo(bytes);
        assertThat(answer.get(2).toString()).isEqualTo("é ✓");
        assertThat(answer.get(3).toString()).isEqualTo("1700000000000");
    }

    @Test
    void aFlushedServerStillRunsTheScript() {
        // Given a script Redis has cached, and then forgot with every other script
        echo.call(redis, TIMEOUT, List.of("k"), List.of("before"));
        send(Request.cmd(Command.SCRIPT).arg("FLUSH"));
        assertThat(isCached(echo)).as("cached after SCRIPT FLUSH").isFalse();

        // when it is called (blocking form)
        Response answer = echo.call(redis, TIMEOUT, List.of("k"), List.of("after"));

        // then it answers as before, and Redis knows it again for the next EVALSHA
        assertThat(answer.get(1).toString()).isEqualTo("after");
        assertThat(isCached(echo)).as("cached after the call").isTrue();
    }

    @Test
    void aScriptIsReadFromAResourceOfItsService() {
        LuaScript counting = LuaScript.fromResource(LuaScriptTest.class, "/lua/count-arguments.lua");

        Response answer = counting.call(redis, TIMEOUT, List.of("a", "b"), List.of("x", "y", "z"));

        assertThat(List.of(answer.get(0).toInteger(), answer.get(1).toInteger()))
                .containsExactly(2, 3);
    }

    @Test
    void aMissingResourceIsReportedWithItsName() {
        assertThatThrownBy(() -> LuaScript.fromResource(LuaScriptTest.class, "/lua/no-such-script.lua"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The Lua script /lua/no-such-script.lua of LuaScriptTest is missing from the build.");
    }

    @Test
    void anArgumentRedisCannotTakeIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> echo.run(redis, List.of("k"), List.of(Duration.ofSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A Lua script's argument must be a byte[], a String or a Number, not a Duration.");
    }

    @Test
    void theBlockingFormGivesUpAfterItsTimeout() throws IOException {
        // Given a server that accepts connections and never answers
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Redis mute = Redis.createClient(vertx, "redis://127.0.0.1:" + silent.getLocalPort());
            try {
                long start = System.nanoTime();

                // when a script is called with a timeout of 300 ms
                assertThatThrownBy(() -> echo.call(mute, Duration.ofMillis(300), List.of("k"), List.of("v")))
                        // then the call fails with a timeout once it passed, not when the connection gives up
                        .isInstanceOf(TimeoutException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
            } finally {
                mute.close();
            }
        }
    }

    private boolean isCached(LuaScript script) {
        return send(Request.cmd(Command.SCRIPT).arg("EXISTS").arg(script.sha()))
                        .get(0)
                        .toInteger()
                == 1;
    }

    private Response send(Request request) {
        return redis.send(request).await().atMost(TIMEOUT);
    }
}
