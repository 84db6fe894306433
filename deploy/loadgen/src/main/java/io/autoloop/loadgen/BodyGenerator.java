package io.autoloop.loadgen;

/**
 * Makes the request bodies of a run; one instance serves every connection, so it must be thread-safe.
 * Implementations are found by name through {@link GeneratorFactory}.
 */
public interface BodyGenerator {

    /** The body of request number {@code sequence} (0, 1, 2, ... across all connections of the run). */
    byte[] body(long sequence);

    /** How many events (or items) each body carries, to report events per second; 1 for plain requests. */
    int eventsPerBody();
}
