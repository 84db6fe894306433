package io.autoloop.analyzer;

import io.autoloop.testing.LocalStack;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import org.apache.kafka.streams.StreamsConfig;
import org.jboss.logmanager.LogContext;

/**
 * What Quarkus sets up for the topology, for running it outside Quarkus as the service runs it: the Kafka Streams
 * settings of application.properties, and INFO logging.
 */
public final class OutsideQuarkus {

    private OutsideQuarkus() {}

    /**
     * Logs at INFO, as the service does: outside Quarkus the JBoss LogManager on the classpath starts unconfigured and
     * would format every debug and trace message of Kafka's clients.
     */
    public static void logAtInfo() {
        LogContext.getSystemLogContext().getLogger("").setLevel(Level.INFO);
    }

    /**
     * The {@code kafka-streams.*} settings of application.properties (with their {@code %test} overrides), with the
     * application id, the local stack's broker and the state directory.
     */
    public static Properties streamsProperties(String applicationId, Path stateDir) {
        Properties file = new Properties();
        try (InputStream in = OutsideQuarkus.class.getResourceAsStream("/application.properties")) {
            file.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties streams = new Properties();
        for (String profile : List.of("", "%test.")) {
            String prefix = profile + "kafka-streams.";
            file.stringPropertyNames().stream()
                    .filter(name -> name.startsWith(prefix))
                    .forEach(name -> streams.put(name.substring(prefix.length()), file.getProperty(name)));
        }
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.KAFKA);
        streams.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return streams;
    }
}
