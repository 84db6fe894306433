package io.autoloop.testing;

import io.autoloop.contracts.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The partition counts the local stack creates its topics with: {@code deploy/local/topics.txt}. */
public final class StackTopics {

    private static final String FILE = "deploy/local/topics.txt";

    private StackTopics() {}

    /** The partitions of {@code topic} in the stack; throws when topics.txt does not list it. */
    public static int partitions(Topic<?> topic) {
        Integer count = all().get(topic.name());
        if (count == null) {
            throw new IllegalStateException(FILE + " lists no " + topic.name() + ": add it with its partitions.");
        }
        return count;
    }

    /** Topic name → partitions, in the order of the {@code name partitions [configs]} lines of topics.txt. */
    public static Map<String, Integer> all() {
        Path file = Repository.file(FILE);
        Map<String, Integer> topics = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    String[] fields = entry.split("\\s+");
                    topics.put(fields[0], Integer.parseInt(fields[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the stack's topics from " + file + ".", e);
        }
        return topics;
    }
}
