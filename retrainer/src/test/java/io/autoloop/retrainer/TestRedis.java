package io.autoloop.retrainer;

import io.autoloop.contracts.RedisKeys;
import io.autoloop.testing.LocalStack;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Plain access to the local stack's Redis for tests that run outside Quarkus, or clean up after it. */
public final class TestRedis implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Redis redis = Redis.createClient(vertx, LocalStack.REDIS);

    /** The bytes at {@code key}, or null. */
    public byte[] get(String key) {
        Response response = send(Request.cmd(Command.GET).arg(key));
        return response == null ? null : response.toBytes();
    }

    /** Sets {@code field} of the hash at {@code key} to {@code value}. */
    public void hset(String key, String field, String value) {
        send(Request.cmd(Command.HSET).arg(key).arg(field).arg(value));
    }

    /** The values of the hash at {@code key}, as text; empty when there is none. */
    public List<String> hashValues(String key) {
        List<String> values = new ArrayList<>();
        Response response = send(Request.cmd(Command.HVALS).arg(key));
        if (response != null) {
            response.forEach(value -> values.add(value.toString()));
        }
        return values;
    }

    /** Deletes every key of the model: registry, gate decisions, checkpoint and lease. */
    public void deleteModel(String model) {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            Response page = send(Request.cmd(Command.SCAN)
                    .arg(cursor)
                    .arg("MATCH")
                    .arg(RedisKeys.modelKeysPattern(model))
                    .arg("COUNT")
                    .arg(1000));
            cursor = page.get(0).toString();
            page.get(1).forEach(key -> keys.add(key.toString()));
        } while (!cursor.equals("0"));
        keys.add(RedisKeys.checkpoint(model));
        keys.add(RedisKeys.trainerLease(model));
        Request del = Request.cmd(Command.DEL);
        keys.forEach(del::arg);
        send(del);
    }

    private Response send(Request request) {
        try {
            return redis.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Redis at " + LocalStack.REDIS + " did not answer " + request + ".", e);
        }
    }

    @Override
    public void close() {
        redis.close();
        vertx.close();
    }
}
