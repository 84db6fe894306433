package io.autoloop.deploy;

import io.autoloop.testing.Repository;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the code says about the deployable modules, read from the repository rather than repeated: the modules of the
 * root pom, each service's {@code application.properties} (a module with one is a service), and the project version
 * the images are tagged with.
 */
final class ServiceModules {

    /** Where each module keeps its image's Dockerfile, in the Quarkus layout. */
    static final String DOCKERFILE = "src/main/docker/Dockerfile.jvm";

    private static final String PROPERTIES = "src/main/resources/application.properties";
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern VERSION =
            Pattern.compile("<artifactId>autoloop-parent</artifactId>\\s*<version>([^<]+)</version>");

    /** A service: its module folder (also its name in every manifest) and its {@code quarkus.http.port}. */
    record Service(String module, int port) {

        /** The image the manifests run it from. */
        String image() {
            return "autoloop/" + module + ":" + version();
        }

        /** The keys its application.properties sets, {@code %profile.} prefixes included. */
        Set<String> keys() {
            return properties(module).stringPropertyNames();
        }

        /** A setting of its application.properties, without profile; null when it has none. */
        String setting(String key) {
            return properties(module).getProperty(key);
        }
    }

    private ServiceModules() {}

    /** The services: modules of the root pom with an application.properties, in the pom's order. */
    static List<Service> services() {
        return modules().stream()
                .filter(module -> Files.isRegularFile(root().resolve(module).resolve(PROPERTIES)))
                .map(module ->
                        new Service(module, Integer.parseInt(properties(module).getProperty("quarkus.http.port"))))
                .toList();
    }

    /** The modules of the root pom, as folders relative to the repository root. */
    static List<String> modules() {
        Matcher module = MODULE.matcher(read(root().resolve("pom.xml")));
        return module.results().map(match -> match.group(1)).toList();
    }

    /** The project version of the root pom, which the images are tagged with. */
    static String version() {
        Matcher version = VERSION.matcher(read(root().resolve("pom.xml")));
        if (!version.find()) {
            throw new IllegalStateException("The root pom.xml declares no version of autoloop-parent.");
        }
        return version.group(1);
    }

    /** The repository root. */
    static Path root() {
        return Repository.root();
    }

    private static Properties properties(String module) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(root().resolve(module).resolve(PROPERTIES))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the settings of " + module + ".", e);
        }
        return properties;
    }

    /** The text of {@code file}. */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ".", e);
        }
    }
}
