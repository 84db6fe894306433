package io.autoloop.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Compose Specification's JSON schema (draft 2019-09), as copied into {@code src/test/resources/compose-spec} with
 * its licence: which services, keys and value shapes a compose file may have.
 */
final class ComposeSchema {

    private static final String RESOURCE = "/compose-spec/compose-spec.json";

    private static final JsonSchema SCHEMA = load();

    private ComposeSchema() {}

    /** The schema's complaints about {@code compose}, one sentence each; empty when it is a valid compose file. */
    static List<String> problems(JsonNode compose) {
        return SCHEMA.validate(compose).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    /**
     * Drops the draft-04 {@code "id": "#/definitions/service"} members, which only restate each definition's own
     * location: draft 2019-09 has no {@code id} keyword and the validator refuses keywords it does not know.
     */
    private static void removeIds(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("id").isTextual()) {
            object.remove("id");
        }
        node.forEach(ComposeSchema::removeIds);
    }

    private static JsonSchema load() {
        try (InputStream schema = ComposeSchema.class.getResourceAsStream(RESOURCE)) {
            if (schema == null) {
                throw new IllegalStateException("The test resources hold no " + RESOURCE + ".");
            }
            // The file names its draft by an http URI the validator would fetch; the factory's own draft is that one.
            ObjectNode tree = (ObjectNode) YamlDocuments.JSON.readTree(schema);
            tree.remove("$schema");
            removeIds(tree);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909)
                    .getSchema(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE + ".", e);
        }
    }
}
