package io.autoloop.testing;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Sends a {@code POST} to the service under test (RestAssured's base URI and port) with a whole body, declared by
 * {@code Content-Length} or sent chunked, and only then reads the answer, as the simplest clients do; returns the
 * answer and whether the service then closed the connection. The proof that a body over a limit is answered, not cut
 * off with a reset connection; the call fails when no answer can be read.
 */
public final class OversizedBody {

    private static final int CHUNK = 64 * 1024;

    private OversizedBody() {}

    /** How the body's length is told. */
    public enum Framing {
        /** {@code Content-Length: <bytes>}. */
        DECLARED,
        /** {@code Transfer-Encoding: chunked}, in chunks of 64 KiB. */
        CHUNKED
    }

    /**
     * Posts to {@code path} a body of {@code bytes} bytes (JSON white space inside an object, so the size is all that is
     * wrong with it) framed as {@code framing}, with {@code headers} besides {@code Host} and {@code Content-Type}.
     */
    public static WithheldBody.Answer post(String path, int bytes, Framing framing, Map<String, String> headers) {
        String host = URI.create(RestAssured.baseURI).getHost();
        try (Socket socket = new Socket(host, RestAssured.port)) {
            socket.setSoTimeout((int) WithheldBody.PATIENCE.toMillis());
            StringBuilder head = new StringBuilder()
                    .append("POST ")
                    .append(path)
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(host)
                    .append("\r\nContent-Type: application/json\r\n")
                    .append(framing == Framing.DECLARED ? "Content-Length: " + bytes : "Transfer-Encoding: chunked")
                    .append("\r\n");
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            writeBody(out, bytes, framing);
            out.flush();
            return WithheldBody.read(socket);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("No answer to POST " + path + " within " + WithheldBody.PATIENCE.toSeconds()
                    + " s after its " + bytes + "-byte body.");
        } catch (IOException e) {
            throw new AssertionError(
                    "POST " + path + " with a " + bytes + "-byte body got no answer: " + e.getMessage(), e);
        }
    }

    private static void writeBody(OutputStream out, int bytes, Framing framing) throws IOException {
        byte[] chunk = new byte[CHUNK];
        Arrays.fill(chunk, (byte) ' ');
        chunk[0] = '{';
        for (int sent = 0; sent < bytes; sent += CHUNK) {
            int length = Math.min(CHUNK, bytes - sent);
            if (sent + length == bytes) {
                chunk[length - 1] = '}';
            }
            if (framing == Framing.CHUNKED) {
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(chunk, 0, length);
            if (framing == Framing.CHUNKED) {
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            chunk[0] = ' ';
        }
        if (framing == Framing.CHUNKED) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
