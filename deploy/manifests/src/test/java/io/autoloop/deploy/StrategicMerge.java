package io.autoloop.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of Kubernetes' strategic merge patch that deploy/k8s's patches use: objects merge field by field, a
 * {@code null} removes a field, lists whose every element has a {@code name} (containers, env, volumes) merge element
 * by element on it (the patch's elements first, in its order, then the others, as kubectl's kustomize 5.5 orders
 * them), and any other list or scalar is replaced. Directives ({@code $patch}, {@code $setElementOrder}) are
 * refused rather than ignored.
 */
final class StrategicMerge {

    private StrategicMerge() {}

    /** A copy of {@code target} with {@code patch} merged into it; neither argument changes. */
    static ObjectNode apply(ObjectNode target, ObjectNode patch) {
        ObjectNode merged = target.deepCopy();
        mergeObject(merged, patch);
        return merged;
    }

    private static void mergeObject(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.startsWith("$")) {
                throw new IllegalArgumentException(
                        "The patch directive " + name + " is not supported; write the merged value instead.");
            }
            JsonNode current = target.get(name);
            if (value.isNull()) {
                target.remove(name);
            } else if (current instanceof ObjectNode object && value instanceof ObjectNode objectPatch) {
                mergeObject(object, objectPatch);
            } else if (current instanceof ArrayNode list
                    && value instanceof ArrayNode listPatch
                    && named(list, listPatch)) {
                mergeByName(list, listPatch);
            } else {
                target.set(name, value.deepCopy());
            }
        }
    }

    private static boolean named(ArrayNode list, ArrayNode patch) {
        return allNamed(list) && allNamed(patch);
    }

    private static boolean allNamed(ArrayNode list) {
        for (JsonNode element : list) {
            if (!(element instanceof ObjectNode) || !element.path("name").isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** As kubectl's kustomize orders it: the patch's elements (merged with their namesakes), then the others. */
    private static void mergeByName(ArrayNode list, ArrayNode patch) {
        List<JsonNode> merged = new ArrayList<>();
        List<JsonNode> rest = new ArrayList<>();
        list.forEach(rest::add);
        for (JsonNode element : patch) {
            ObjectNode copy = (ObjectNode) element.deepCopy();
            for (JsonNode existing : list) {
                if (existing.get("name").equals(element.get("name"))) {
                    copy = ((ObjectNode) existing).deepCopy();
                    mergeObject(copy, (ObjectNode) element);
                    rest.remove(existing);
                }
            }
            merged.add(copy);
        }
        merged.addAll(rest);
        list.removeAll();
        list.addAll(merged);
    }
}
