package io.autoloop.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One public endpoint as the fuzz sees it: its method and path template ({@code /v1/experiments/{id}/{action}}), the
 * valid values of its path and query parameters, its valid JSON body (if it takes one), the key a valid caller
 * presents, a key of another role, and the body limit it enforces.
 */
public record Endpoint(
        String name,
        String method,
        String path,
        Map<String, List<String>> pathValues,
        Map<String, List<String>> queryValues,
        Optional<JsonNode> body,
        String key,
        String otherRoleKey,
        long bodyLimit) {

    public Endpoint {
        pathValues = Map.copyOf(pathValues);
        queryValues = Map.copyOf(queryValues);
        for (String parameter : pathValues.keySet()) {
            if (!path.contains("{" + parameter + "}")) {
                throw new IllegalArgumentException("Endpoint " + name + " has values for {" + parameter
                        + "}, but its path " + path + " has no such parameter.");
            }
        }
    }

    /** An endpoint without parameters or body, called with {@code key}. */
    public static Endpoint of(String name, String method, String path, String key, String otherRoleKey, long limit) {
        return new Endpoint(name, method, path, Map.of(), Map.of(), Optional.empty(), key, otherRoleKey, limit);
    }

    /** This endpoint with {@code body} as its valid JSON body. */
    public Endpoint withBody(JsonNode validBody) {
        return new Endpoint(
                name, method, path, pathValues, queryValues, Optional.of(validBody), key, otherRoleKey, bodyLimit);
    }

    /** This endpoint with {@code values} as the valid values of path parameter {@code parameter}. */
    public Endpoint withPathValues(String parameter, List<String> values) {
        Map<String, List<String>> all = new LinkedHashMap<>(pathValues);
        all.put(parameter, List.copyOf(values));
        return new Endpoint(name, method, path, all, queryValues, body, key, otherRoleKey, bodyLimit);
    }

    /** This endpoint with {@code values} as the valid values of query parameter {@code parameter}. */
    public Endpoint withQueryValues(String parameter, List<String> values) {
        Map<String, List<String>> all = new LinkedHashMap<>(queryValues);
        all.put(parameter, List.copyOf(values));
        return new Endpoint(name, method, path, pathValues, all, body, key, otherRoleKey, bodyLimit);
    }
}
