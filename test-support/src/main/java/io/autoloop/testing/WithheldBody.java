package io.autoloop.testing;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a {@code POST} to the service under test (RestAssured's base URI and port) whose headers declare a body that
 * never comes, and returns the answer and whether the service then closed the connection. An answer proves the service
 * decided without reading the body; a service that waits for the body leaves the socket silent, and the call fails
 * after {@link #PATIENCE}.
 */
public final class WithheldBody {

    /** How long to wait for the answer; far longer than any check, far shorter than a body that never comes. */
    public static final Duration PATIENCE = Duration.ofSeconds(10);

    /** How long after the answer the service has to close the connection. */
    private static final Duration CLOSING = Duration.ofSeconds(5);

    private WithheldBody() {}

    /**
     * The status line's code, the headers (names in lower case) and the body of an answer, and whether the service
     * closed the connection after it (rather than wait for the body).
     */
    public record Answer(int status, Map<String, String> headers, String body, boolean closed) {}

    /**
     * Posts to {@code path} a JSON request that declares {@code declaredLength} bytes of body and sends none, with
     * {@code headers} besides {@code Host}, {@code Content-Type} and {@code Content-Length}.
     */
    public static Answer post(String path, long declaredLength, Map<String, String> headers) {
        String host = URI.create(RestAssured.baseURI).getHost();
        try (Socket socket = new Socket(host, RestAssured.port)) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            StringBuilder request = new StringBuilder()
                    .append("POST ")
                    .append(path)
                    .append(" HTTP/1.1\r\n")
                    .append("Host: ")
                    .append(host)
                    .append("\r\n")
                    .append("Content-Type: application/json\r\n")
                    .append("Content-Length: ")
                    .append(declaredLength)
                    .append("\r\n");
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(socket);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("No answer to POST " + path + " within " + PATIENCE.toSeconds()
                    + " s: the service is waiting for the body it was promised.");
        } catch (IOException e) {
            throw new AssertionError("POST " + path + " with a withheld body failed: " + e.getMessage(), e);
        }
    }

    /** Reads an answer's head and body from {@code socket}, and whether the service then closed the connection. */
    static Answer read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String statusLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Answer(
                Integer.parseInt(statusLine.split(" ")[1]),
                headers,
                new String(body, StandardCharsets.UTF_8),
                closedAfter(socket));
    }

    private static boolean closedAfter(Socket socket) throws IOException {
        socket.setSoTimeout((int) CLOSING.toMillis());
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("The connection closed in the middle of the answer's head.");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
