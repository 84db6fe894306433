package io.autoloop.retrainer.repository;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;

/**
 * The Redis scripts of the retrainer: every write that must be atomic, or fenced by the trainer lease (it happens
 * only while the writer still holds the lease), is one script.
 */
final class LuaScripts {

    /** KEYS lease; ARGV holder, ttl ms. Returns 1 when the holder's lease was extended. */
    static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0""";

    /** KEYS lease; ARGV holder. Returns 1 when the holder's lease was deleted. */
    static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0""";

    /** KEYS lease, checkpoint; ARGV holder, bytes. Returns 1 when written, 0 when the lease is not the holder's. */
    static final String WRITE_CHECKPOINT = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return 0
            end
            redis.call('SET', KEYS[2], ARGV[2])
            return 1""";

    /**
     * KEYS lease, model bytes, model meta, versions, checkpoint; ARGV holder, version, model bytes, meta JSON,
     * created-at ms, checkpoint bytes. Returns 1 when published, 0 when the version exists, -1 when the lease is
     * not the holder's. Model, meta, version index and checkpoint are written together or not at all.
     */
    static final String PUBLISH = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return -1
            end
            if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('ZSCORE', KEYS[4], ARGV[2]) then
              return 0
            end
            redis.call('SET', KEYS[2], ARGV[3])
            redis.call('SET', KEYS[3], ARGV[4])
            redis.call('ZADD', KEYS[4], ARGV[5], ARGV[2])
            redis.call('SET', KEYS[5], ARGV[6])
            return 1""";

    private LuaScripts() {}

    /** Runs {@code script} with its keys and (binary-safe) arguments, waiting at most {@code timeout}. */
    static long eval(Redis redis, Duration timeout, String script, String[] keys, Object... args) {
        Request request = Request.cmd(Command.EVAL).arg(script).arg(keys.length);
        for (String key : keys) {
            request.arg(key);
        }
        for (Object arg : args) {
            if (arg instanceof byte[] bytes) {
                request.arg(bytes);
            } else {
                request.arg(String.valueOf(arg));
            }
        }
        Response response = redis.send(request).await().atMost(timeout);
        return response == null ? 0 : response.toLong();
    }
}
