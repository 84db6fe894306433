package io.autoloop.learner;

/** Thrown when bytes given to {@link ModelCodec} or {@link CheckpointCodec} are truncated, corrupt or foreign. */
public final class ModelFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
