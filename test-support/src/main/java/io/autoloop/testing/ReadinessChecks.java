package io.autoloop.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;

/**
 * Asserts what a service's {@code /q/health/ready} and {@code /q/health/well} answer, waiting briefly for checks to
 * settle.
 */
public final class ReadinessChecks {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    private ReadinessChecks() {}

    /** Readiness answers 200 UP (within a short settling time). */
    public static void assertReady() {
        awaitStatus(200);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** Readiness answers 503 DOWN and the check named {@code checkName} is the one that is DOWN. */
    public static void assertNotReadyBecauseOf(String checkName) {
        awaitStatus(503);
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(
                        "checks.findAll { it.status == 'DOWN' }.name",
                        hasItem(org.hamcrest.Matchers.containsStringIgnoringCase(checkName)));
    }

    /**
     * Wellness ({@code /q/health/well}, the health that does not gate readiness) answers 503 DOWN, the check named
     * {@code checkName} among those DOWN (within a short settling time).
     */
    public static void assertUnwellBecauseOf(String checkName) {
        awaitStatus("/q/health/well", 503);
        given().get("/q/health/well")
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(
                        "checks.findAll { it.status == 'DOWN' }.name",
                        hasItem(org.hamcrest.Matchers.containsStringIgnoringCase(checkName)));
    }

    /** Wellness answers 200 UP (within a short settling time). */
    public static void assertWell() {
        awaitStatus("/q/health/well", 200);
        given().get("/q/health/well").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** The Prometheus scrape endpoint answers with JVM metrics in text format. */
    public static void assertMetricsServed() {
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes"));
    }

    private static void awaitStatus(int status) {
        awaitStatus("/q/health/ready", status);
    }

    private static void awaitStatus(String path, int status) {
        Instant deadline = Instant.now().plus(SETTLE);
        while (Instant.now().isBefore(deadline)) {
            if (given().get(path).statusCode() == status) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
