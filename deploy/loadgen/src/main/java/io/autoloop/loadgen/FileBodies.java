package io.autoloop.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --body file:PATH}: every request sends the same bytes, read once from a file. */
public final class FileBodies implements GeneratorFactory {

    @Override
    public String name() {
        return "file";
    }

    @Override
    public String description() {
        return "file:PATH  the same body (a file's bytes) in every request";
    }

    @Override
    public BodyGenerator bodies(String argument, long seed) {
        if (argument == null || argument.isBlank()) {
            throw new IllegalArgumentException("--body file:PATH needs the path of the body to send.");
        }
        byte[] body;
        try {
            body = Files.readAllBytes(Path.of(argument));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the body file " + argument + ".", e);
        }
        return new BodyGenerator() {
            @Override
            public byte[] body(long sequence) {
                return body;
            }

            @Override
            public int eventsPerBody() {
                return 1;
            }
        };
    }
}
