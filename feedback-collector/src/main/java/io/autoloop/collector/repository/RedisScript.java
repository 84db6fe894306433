package io.autoloop.collector.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script shipped in the jar and called by its SHA-1 ({@code EVALSHA}); when Redis does not know it yet
 * (a fresh or flushed server) the call is repeated once with the script's text ({@code EVAL}), which also
 * caches it.
 */
final class RedisScript {

    private final String text;
    private final String sha;

    RedisScript(String resource) {
        try (InputStream in = RedisScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The Redis script " + resource + " is missing from the build.");
            }
            this.text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the Redis script " + resource + ".", e);
        }
        try {
            this.sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-1, which naming a Redis script needs.", e);
        }
    }

    /** Runs the script on {@code keys} with {@code arguments}. */
    Uni<Response> run(Redis redis, List<String> keys, List<String> arguments) {
        return redis.send(request(Command.EVALSHA, sha, keys, arguments))
                .onFailure(RedisScript::isNoScript)
                .recoverWithUni(() -> redis.send(request(Command.EVAL, text, keys, arguments)));
    }

    private static Request request(Command command, String script, List<String> keys, List<String> arguments) {
        Request request = Request.cmd(command).arg(script).arg(keys.size());
        keys.forEach(request::arg);
        arguments.forEach(request::arg);
        return request;
    }

    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }
}
