package io.autoloop.simulator.http;

/**
 * The last answer to a request after its retries: the HTTP status (0 when no answer came, with {@code failure}
 * saying why), the body, and how many attempts were made.
 */
public record Reply(int status, byte[] body, int attempts, String failure) {

    public boolean answered() {
        return status > 0;
    }

    public boolean success() {
        return status >= 200 && status < 300;
    }

    /** The retries made: attempts beyond the first. */
    public int retries() {
        return Math.max(0, attempts - 1);
    }
}
