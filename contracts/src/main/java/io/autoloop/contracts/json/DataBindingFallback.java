package io.autoloop.contracts.json;

/**
 * Thrown inside {@link StreamingReader} and {@link StreamingWriter} when a record is left to data binding; it carries
 * no stack trace, as it says nothing about a fault.
 */
final class DataBindingFallback extends RuntimeException {

    static final DataBindingFallback INSTANCE = new DataBindingFallback();

    private DataBindingFallback() {
        super("left to data binding", null, false, false);
    }
}
