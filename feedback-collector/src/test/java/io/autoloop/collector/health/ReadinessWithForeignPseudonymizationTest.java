package io.autoloop.collector.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import io.autoloop.testing.ForeignPseudonymizationTerms;
import io.autoloop.testing.ReadinessChecks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ReadinessWithForeignPseudonymizationTest.ForeignTerms.class)
class ReadinessWithForeignPseudonymizationTest {

    /** Another deployment's terms are in force in this service's scope before it starts. */
    public static class ForeignTerms implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(
                    ForeignPseudonymizationTerms.class, Map.of("property", "collector.pseudonymization-scope")));
        }
    }

    @Test
    void notReadyWhileTermsOfAnotherSecretAreInForceAndSaysWhy() {
        ReadinessChecks.assertNotReadyBecauseOf(PseudonymizationReadiness.NAME);
        given().get("/q/health/ready")
                .then()
                .body(
                        "checks.find { it.name == '" + PseudonymizationReadiness.NAME + "' }.data.verdict",
                        startsWith("This service does not pseudonymize as " + ForeignPseudonymizationTerms.PUBLISHER
                                + " does: its pseudonymization secret differs"));
    }
}
