package io.autoloop.collector.testing;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;

/** Calls {@code POST /v1/events} as an app. */
public final class Api {

    /** The development key of app {@code demo} (dev, test and local profiles). */
    public static final String DEMO_KEY = "autoloop-dev-key";

    /** The test-only key of app {@code limited}, whose rate limit is 20 events/s. */
    public static final String LIMITED_KEY = "autoloop-test-limited-key";

    private Api() {}

    /** Posts {@code body} as app {@code demo}. */
    public static ValidatableResponse post(String body) {
        return post(DEMO_KEY, body);
    }

    /** Posts {@code body} with the API key {@code key}. */
    public static ValidatableResponse post(String key, String body) {
        return given().header("Authorization", "Bearer " + key)
                .contentType("application/json")
                .body(body)
                .post("/v1/events")
                .then();
    }
}
