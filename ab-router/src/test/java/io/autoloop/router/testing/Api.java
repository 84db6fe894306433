package io.autoloop.router.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Calls the router's HTTP API with the development credentials. */
public final class Api {

    /** The development app key of app {@code demo}. */
    public static final String APP_KEY = "Bearer autoloop-dev-key";

    /** The development admin key, of the unnamed admin {@code admin}. */
    public static final String ADMIN_KEY = "Bearer autoloop-dev-admin-key";

    /** The key of the named admin {@code alice} (test profile only). */
    public static final String ALICE_KEY = "Bearer autoloop-test-alice-admin-key";

    private Api() {}

    /** A ranking request for {@code userId} with {@code candidates} items (the favourite last) and {@code limit}. */
    public static Map<String, Object> rankRequest(String userId, int candidates, int limit) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < candidates - 1; i++) {
            items.add(Map.of("itemId", "other-" + i, "features", Map.of("category", "c" + (i % 3), "price", 9.5)));
        }
        items.add(Map.of("itemId", TestModels.FAVOURITE, "features", Map.of("category", "c0", "price", 12)));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("userId", userId);
        request.put("user", Map.of("country", "fr"));
        request.put("context", Map.of("device", "mobile", "hour", 21));
        request.put("candidates", items);
        request.put("limit", limit);
        return request;
    }

    /** {@code POST /v1/rank} with the app key. */
    public static Response rank(Object body) {
        return given().header("Authorization", APP_KEY)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/rank");
    }

    /**
     * Ranks for {@code users} users named {@code prefix-<n>} against the router at {@code base} (null: the router under
     * test), as an app's traffic: each arm then has requests for the router to measure its guardrails on.
     */
    public static void traffic(String base, String prefix, int users) {
        for (int user = 0; user < users; user++) {
            (base == null ? given() : given().baseUri(base))
                    .header("Authorization", APP_KEY)
                    .contentType(ContentType.JSON)
                    .body(rankRequest(prefix + "-" + user, 3, 2))
                    .post("/v1/rank")
                    .then()
                    .statusCode(200);
        }
    }

    /** {@code GET /v1/experiments/{id}} with the admin key. */
    public static Response experiment(String id) {
        return given().header("Authorization", ADMIN_KEY).get("/v1/experiments/" + id);
    }
}
