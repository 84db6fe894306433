package io.autoloop.analyzer.state;

/**
 * A consumed record value: the contract record with the bytes it was read from, or the payload that could not be
 * read and why. Unreadable input is dead-lettered by the topology instead of stopping it.
 *
 * @param <T> the contract record
 */
public sealed interface Parsed<T> {

    /** A value that meets its contract. */
    record Ok<T>(T value, byte[] json) implements Parsed<T> {}

    /** A value that does not: its payload as text (empty for a record without value) and a sentence why. */
    record Unreadable<T>(String payload, String problem) implements Parsed<T> {}
}
