package io.autoloop.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blocking access to the local stack's Redis for what the tests read and write directly: the model registry's bytes
 * and keys (docs/architecture.md, "Redis keys"), and the clean-up of one test model's keys.
 */
final class RedisStore implements AutoCloseable {

    private final Vertx vertx;
    private final Redis redis;

    RedisStore(String uri) {
        this.vertx = Vertx.vertx();
        this.redis = Redis.createClient(vertx, uri);
    }

    /** The bytes under {@code key}, null when it does not exist. */
    byte[] getBytes(String key) {
        Response response = send(Request.cmd(Command.GET).arg(key));
        return response == null ? null : response.toBuffer().getBytes();
    }

    String get(String key) {
        Response response = send(Request.cmd(Command.GET).arg(key));
        return response == null ? null : response.toString();
    }

    void set(String key, byte[] value) {
        send(Request.cmd(Command.SET).arg(key).arg(Buffer.buffer(value)));
    }

    void set(String key, String value) {
        send(Request.cmd(Command.SET).arg(key).arg(value));
    }

    /** The members of a sorted set, lowest score first. */
    List<String> zrange(String key) {
        List<String> members = new ArrayList<>();
        send(Request.cmd(Command.ZRANGE).arg(key).arg(0).arg(-1)).forEach(member -> members.add(member.toString()));
        return members;
    }

    void zadd(String key, double score, String member) {
        send(Request.cmd(Command.ZADD).arg(key).arg(score).arg(member));
    }

    /** The keys matching the glob {@code pattern} (SCAN, so Redis is never blocked). */
    List<String> keys(String pattern) {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            Response page = send(Request.cmd(Command.SCAN)
                    .arg(cursor)
                    .arg("MATCH")
                    .arg(pattern)
                    .arg("COUNT")
                    .arg(1000));
            cursor = page.get(0).toString();
            page.get(1).forEach(key -> keys.add(key.toString()));
        } while (!cursor.equals("0"));
        return keys;
    }

    /** Deletes every key matching the glob {@code pattern}. */
    void deleteMatching(String pattern) {
        for (String key : keys(pattern)) {
            send(Request.cmd(Command.DEL).arg(key));
        }
    }

    void srem(String key, String member) {
        send(Request.cmd(Command.SREM).arg(key).arg(member));
    }

    private Response send(Request request) {
        try {
            return redis.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while Redis answered " + request.command() + ".", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Redis did not answer " + request.command() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        redis.close();
        vertx.close();
    }
}
