package io.autoloop.router.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.autoloop.router.testing.Api;
import io.autoloop.testing.KafkaUnreachableProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** With Kafka unreachable, ranking still answers every request; the decisions that cannot be logged are counted. */
@QuarkusTest
@TestProfile(KafkaUnreachableProfile.class)
class RankWithoutKafkaTest {

    @Test
    void rankingAnswersAndCountsTheDecisionsItCouldNotLog() {
        for (int i = 0; i < 30; i++) {
            Api.rank(Api.rankRequest("user-" + i, 5, 3)).then().statusCode(200);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String metrics = given().get("/q/metrics").asString();
            return unlogged(metrics, "autoloop_decisions_failed_total")
                            + unlogged(metrics, "autoloop_decisions_dropped_total")
                    >= 1.0;
        });
    }

    private static double unlogged(String metrics, String name) {
        return metrics.lines()
                .filter(line -> line.startsWith(name))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
