package io.autoloop.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads YAML files as compose and kubectl read them, every document of a file with anchors and merge keys ({@code <<})
 * resolved, into JSON trees for the validators. Empty documents (a file's trailing {@code ---}) are left out.
 */
final class YamlDocuments {

    static final ObjectMapper JSON = new ObjectMapper();

    private YamlDocuments() {}

    /** The documents of {@code file}, in order; fails with a sentence naming the file when it is not YAML. */
    static List<JsonNode> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            List<JsonNode> documents = new ArrayList<>();
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (document != null) {
                    documents.add(JSON.valueToTree(document));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ".", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** The one document of {@code file}; fails when it holds none or several. */
    static JsonNode readOne(Path file) {
        List<JsonNode> documents = read(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(
                    file + " must hold exactly one YAML document, but it holds " + documents.size() + ".");
        }
        return documents.get(0);
    }
}
