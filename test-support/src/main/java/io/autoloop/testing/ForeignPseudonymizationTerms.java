package io.autoloop.testing;

import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.privacy.PseudonymizationTerms;
import io.autoloop.contracts.privacy.Pseudonymizer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A test resource that publishes, before the service starts, the pseudonymization terms of another deployment (another
 * secret, app {@code demo}) in the local stack's Redis, in a scope of its own, and points the service at that scope
 * through the setting its init argument {@code property} names ({@code collector.pseudonymization-scope} or
 * {@code router.pseudonymization-scope}): the service starts as the later one and must refuse to serve.
 */
public class ForeignPseudonymizationTerms implements QuarkusTestResourceLifecycleManager {

    /** The publisher the foreign terms are published under. */
    public static final String PUBLISHER = "ab-router of another deployment";

    private final String scope = "test-foreign-" + UUID.randomUUID();
    private String property;

    @Override
    public void init(Map<String, String> initArgs) {
        property = initArgs.get("property");
        if (property == null) {
            throw new IllegalArgumentException("ForeignPseudonymizationTerms needs the init argument 'property': the"
                    + " service's pseudonymization scope setting.");
        }
    }

    @Override
    public Map<String, String> start() {
        PseudonymizationTerms foreign =
                PseudonymizationTerms.of(new Pseudonymizer("the secret of another deployment"), List.of("demo"));
        String key = RedisKeys.pseudonymization(scope);
        send(List.of(
                List.of(
                        "HSET",
                        key,
                        "fingerprint",
                        foreign.fingerprint(),
                        "app-ids",
                        foreign.appIdList(),
                        "publisher",
                        PUBLISHER),
                List.of("PEXPIRE", key, "600000")));
        return Map.of(property, scope);
    }

    @Override
    public void stop() {
        send(List.of(List.of("DEL", RedisKeys.pseudonymization(scope))));
    }

    /** Sends each command in RESP to the local stack's Redis and reads its one-line answer, failing on an error. */
    private static void send(List<List<String>> commands) {
        URI redis = URI.create(LocalStack.REDIS);
        try (Socket socket = new Socket(redis.getHost(), redis.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (List<String> command : commands) {
                ByteArrayOutputStream request = new ByteArrayOutputStream();
                request.writeBytes(("*" + command.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
                for (String argument : command) {
                    byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
                    request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    request.writeBytes(bytes);
                    request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write(request.toByteArray());
                out.flush();
                String answer = readLine(in);
                if (answer.startsWith("-")) {
                    throw new IllegalStateException("Redis refused " + command.get(0) + ": " + answer.substring(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not reach the local stack's Redis at " + redis + ".", e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int next;
        while ((next = in.read()) != -1 && next != '\n') {
            if (next != '\r') {
                line.append((char) next);
            }
        }
        return line.toString();
    }
}
