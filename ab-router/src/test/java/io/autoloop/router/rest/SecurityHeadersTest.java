package io.autoloop.router.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard's pages, scripts and data carry the security headers; the operational endpoints under /q do not. */
@QuarkusTest
class SecurityHeadersTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/dashboard.js", "/dashboard.css", "/v1/dashboard/experiments"})
    void theDashboardIsNeverFramedAndRunsOnlyItsOwnScripts(String path) {
        given().get(path)
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
    }

    @Test
    void operationalEndpointsAreLeftAlone() {
        given().get("/q/health/live").then().statusCode(200).header("Content-Security-Policy", nullValue());
    }
}
