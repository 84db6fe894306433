package io.autoloop.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Renders a kustomization as {@code kustomize build} does, for the features deploy/k8s uses and no others, since no
 * kustomize binary comes from the registries this project builds with. It reads {@code kustomization.yaml}:
 *
 * <ol>
 *   <li>{@code resources}, in order: a YAML file's documents, or a folder's own rendering (its kustomization.yaml);
 *   <li>{@code patches} given by {@code path}: each document of the file is a strategic merge patch ({@link
 *       StrategicMerge}) of the one resource with its apiVersion, kind and metadata.name, which must exist;
 *   <li>{@code namespace}: set on every resource.
 * </ol>
 *
 * <p>The resources come out in the order of {@code resources}; kustomize sorts its output by kind, which no check here
 * depends on. Any other field of a kustomization, or of a patch entry, is refused with a sentence naming it, so that the manifests
 * cannot come to use a feature this renderer would silently leave out.
 */
final class KustomizeBuild {

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "patches", "namespace");

    private KustomizeBuild() {}

    /** The resources of the kustomization in {@code folder}, patched and placed in its namespace. */
    static List<ObjectNode> render(Path folder) {
        Path file = folder.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(folder + " holds no kustomization.yaml.");
        }
        JsonNode kustomization = YamlDocuments.readOne(file);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(file + " uses '" + field
                        + "', which this renderer does not implement; it knows " + FIELDS + ".");
            }
        });
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path resource = folder.resolve(entry.asText()).normalize();
            if (Files.isDirectory(resource)) {
                resources.addAll(render(resource));
            } else {
                for (JsonNode document : YamlDocuments.read(resource)) {
                    resources.add(asObject(document, resource));
                }
            }
        }
        for (JsonNode entry : kustomization.path("patches")) {
            Iterator<String> fields = entry.fieldNames();
            while (fields.hasNext()) {
                String field = fields.next();
                if (!field.equals("path")) {
                    throw new IllegalArgumentException(
                            file + " gives a patch '" + field + "'; this renderer applies patches given by path only.");
                }
            }
            Path patches = folder.resolve(entry.path("path").asText()).normalize();
            for (JsonNode patch : YamlDocuments.read(patches)) {
                applyPatch(resources, asObject(patch, patches), patches);
            }
        }
        if (kustomization.hasNonNull("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            for (ObjectNode resource : resources) {
                resource.withObjectProperty("metadata").put("namespace", namespace);
            }
        }
        return resources;
    }

    private static void applyPatch(List<ObjectNode> resources, ObjectNode patch, Path file) {
        for (int i = 0; i < resources.size(); i++) {
            if (sameObject(resources.get(i), patch)) {
                resources.set(i, StrategicMerge.apply(resources.get(i), patch));
                return;
            }
        }
        throw new IllegalArgumentException(file + " patches " + id(patch) + ", which no resource is.");
    }

    private static boolean sameObject(ObjectNode resource, ObjectNode patch) {
        return id(resource).equals(id(patch));
    }

    private static String id(JsonNode object) {
        return object.path("apiVersion").asText() + " " + object.path("kind").asText() + " "
                + object.path("metadata").path("name").asText();
    }

    private static ObjectNode asObject(JsonNode document, Path file) {
        if (!(document instanceof ObjectNode object)) {
            throw new IllegalArgumentException(file + " holds a document that is not a Kubernetes object: " + document);
        }
        return object;
    }
}
