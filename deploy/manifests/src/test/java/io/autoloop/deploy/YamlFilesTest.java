package io.autoloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every YAML file of deploy/compose and deploy/k8s parses, and holds at least one document. */
class YamlFilesTest {

    static Stream<Path> yamlFiles() {
        return Stream.of("deploy/compose", "deploy/k8s").flatMap(folder -> {
            try (Stream<Path> files = Files.walk(ServiceModules.root().resolve(folder))) {
                List<Path> yaml = files.filter(file -> file.toString().endsWith(".yaml")
                                || file.toString().endsWith(".yml"))
                        .sorted()
                        .toList();
                return yaml.stream();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not list " + folder + ".", e);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("yamlFiles")
    void everyYamlFileParses(Path file) {
        // when the file is read as compose and kubectl read it
        List<?> documents = YamlDocuments.read(file);

        // then it holds documents
        assertThat(documents).as(file.toString()).isNotEmpty();
    }
}
