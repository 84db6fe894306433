package io.autoloop.platform.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * A Lua script of a service, from a string constant or a resource file, and the one way Autoloop runs one: it takes
 * keys and arguments and answers Redis' {@link Response}. The script is called by its SHA-1 ({@code EVALSHA}); when
 * the server does not know it (a fresh, restarted or {@code SCRIPT FLUSH}ed server answers {@code NOSCRIPT}) the call
 * is repeated once with its text ({@code EVAL}), which caches it again. Arguments are sent binary-safe: a
 * {@code byte[]} as its bytes, a {@code String} as UTF-8, a {@code Number} as its decimal text.
 *
 * <p>{@link #run} is the reactive form, for event-loop callers that apply their own timeout; {@link #call} the
 * blocking form, which waits at most a timeout. A plain class: the services that use Redis build their scripts
 * themselves, usually as constants of the repository that runs them.
 */
public final class LuaScript {

    private final String text;
    private final String sha;

    private LuaScript(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A Lua script needs a text to run; this one is empty.");
        }
        this.text = text;
        this.sha = DigestUtils.sha1Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The script {@code text}, typically a string constant of the class that runs it. */
    public static LuaScript of(String text) {
        return new LuaScript(text);
    }

    /**
     * The script in the resource {@code resource} (an absolute path such as {@code /lua/rate-limit.lua}), read with
     * {@code owner}'s class loader: the class of the service that ships it.
     *
     * @throws IllegalStateException when the resource is not in the build
     */
    public static LuaScript fromResource(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "The Lua script " + resource + " of " + owner.getSimpleName() + " is missing from the build.");
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the Lua script " + resource + ".", e);
        }
    }

    /** The hex SHA-1 of the script's text, the name Redis caches it under. */
    public String sha() {
        return sha;
    }

    /**
     * Runs the script on {@code keys} with {@code arguments}; the {@link Uni} emits the script's answer (null for a
     * Lua {@code nil}) or fails as Redis did. It waits as long as Redis takes: the caller bounds it.
     *
     * @throws IllegalArgumentException when an argument is not a {@code byte[]}, a {@code String} or a {@code Number}
     */
    public Uni<Response> run(Redis redis, List<String> keys, List<?> arguments) {
        Request bySha = request(Command.EVALSHA, sha, keys, arguments);
        return redis.send(bySha)
                .onFailure(LuaScript::isNoScript)
                .recoverWithUni(() -> redis.send(request(Command.EVAL, text, keys, arguments)));
    }

    /**
     * Runs the script as {@link #run} does and waits for its answer, at most {@code timeout} in all.
     *
     * @throws io.smallrye.mutiny.TimeoutException when Redis did not answer within {@code timeout}
     */
    public Response call(Redis redis, Duration timeout, List<String> keys, List<?> arguments) {
        return run(redis, keys, arguments).await().atMost(timeout);
    }

    private static Request request(Command command, String script, List<String> keys, List<?> arguments) {
        Request request = Request.cmd(command).arg(script).arg(keys.size());
        keys.forEach(request::arg);
        for (Object argument : arguments) {
            if (argument instanceof byte[] bytes) {
                request.arg(bytes);
            } else if (argument instanceof String string) {
                request.arg(string);
            } else if (argument instanceof Number number) {
                request.arg(number.toString());
            } else {
                throw new IllegalArgumentException(
                        "A Lua script's argument must be a byte[], a String or a Number," + " not "
                                + (argument == null
                                        ? "null"
                                        : "a " + argument.getClass().getSimpleName()) + ".");
            }
        }
        return request;
    }

    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }
}
