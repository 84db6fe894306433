package io.autoloop.testing;

/**
 * Where the tests find the local stack that {@code deploy/local/stack} starts, and an address where
 * nothing listens for the "dependency down" tests.
 */
public final class LocalStack {

    /** The broker of the local stack; override with the system property {@code autoloop.kafka}. */
    public static final String KAFKA = System.getProperty("autoloop.kafka", "127.0.0.1:9092");

    /** The Redis of the local stack. */
    public static final String REDIS = System.getProperty("autoloop.redis", "redis://127.0.0.1:6379");

    /** Port 1 on loopback: closed, so connections are refused at once. */
    public static final String CLOSED_KAFKA = "127.0.0.1:1";

    /** Port 1 on loopback, as a Redis URL. */
    public static final String CLOSED_REDIS = "redis://127.0.0.1:1";

    private LocalStack() {}
}
