package io.autoloop.loadgen;

import java.util.ServiceLoader;

/**
 * A named kind of load, chosen with {@code --body name[:argument]}: makes the {@link BodyGenerator} for HTTP
 * runs and, when the kind has one, the {@link RecordGenerator} of the Kafka baseline. Registered through
 * {@code META-INF/services/io.autoloop.loadgen.GeneratorFactory}; another module adds its own kind by putting
 * a factory on the classpath.
 */
public interface GeneratorFactory {

    /** The name used in {@code --body}. */
    String name();

    /** One line for {@code --help}: what the argument means. */
    String description();

    /** The bodies for {@code argument} (null when none was given), deterministic for {@code seed}. */
    BodyGenerator bodies(String argument, long seed);

    /** The Kafka records of the same load; by default this kind has none. */
    default RecordGenerator records(String argument, long seed) {
        throw new IllegalArgumentException(
                "The body kind '" + name() + "' has no Kafka records; use another --body" + " with --mode kafka.");
    }

    /** The factory named {@code name}, or an exception listing the known names. */
    static GeneratorFactory named(String name) {
        StringBuilder known = new StringBuilder();
        for (GeneratorFactory factory : ServiceLoader.load(GeneratorFactory.class)) {
            if (factory.name().equals(name)) {
                return factory;
            }
            known.append(known.length() == 0 ? "" : ", ").append(factory.name());
        }
        throw new IllegalArgumentException("No body kind is named '" + name + "'; known kinds: " + known + ".");
    }
}
