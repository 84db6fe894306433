package io.autoloop.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.privacy.PseudonymizationTerms;
import io.autoloop.contracts.privacy.Pseudonymizer;
import io.autoloop.testing.LocalStack;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The agreement on the local stack's Redis, each test in a scope of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PseudonymizationAgreementTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final PseudonymizationTerms SHARED =
            PseudonymizationTerms.of(new Pseudonymizer("the secret of the deployment"), List.of("shop", "news"));

    private final Vertx vertx = Vertx.vertx();
    private final Redis redis = Redis.createClient(vertx, LocalStack.REDIS);
    private final String scope = "platform-test-" + UUID.randomUUID();

    @AfterEach
    void deleteTheTerms() {
        redis.send(Request.cmd(Command.DEL).arg(RedisKeys.pseudonymization(scope)))
                .await()
                .atMost(TIMEOUT);
    }

    @AfterAll
    void disconnect() {
        redis.close();
        vertx.closeAndAwait();
    }

    @Test
    void theFirstServicePublishesItsTermsWithAnExpiryAndAnAgreeingOneServes() {
        // Given a router that published first
        PseudonymizationAgreement.Verdict first =
                agreement("ab-router r1", SHARED).check();

        // When a collector of the same secret and app ids checks
        PseudonymizationAgreement.Verdict second =
                agreement("feedback-collector c1", SHARED).check();

        // Then both serve, the terms in force are the router's, and they expire unless refreshed
        assertThat(first.refused()).isFalse();
        assertThat(second.refused()).isFalse();
        assertThat(second.sentence())
                .isEqualTo("This service pseudonymizes as the terms in force, published by ab-router r1.");
        assertThat(hash("publisher")).isEqualTo("ab-router r1");
        assertThat(hash("fingerprint")).isEqualTo(SHARED.fingerprint());
        assertThat(hash("app-ids")).isEqualTo("news,shop");
        assertThat(ttlMillis()).isPositive().isLessThanOrEqualTo(PseudonymizationAgreement.TTL.toMillis());
    }

    @Test
    void theLaterServiceOfAnotherSecretRefusesAndTheTermsInForceStay() {
        // Given a router that published first
        agreement("ab-router r1", SHARED).check();

        // When a collector of another secret checks
        PseudonymizationAgreement collector = agreement(
                "feedback-collector c1",
                PseudonymizationTerms.of(new Pseudonymizer("a secret typed differently"), List.of("shop", "news")));
        PseudonymizationAgreement.Verdict verdict = collector.check();

        // Then the collector refuses, saying why, and the router's terms are still those in force
        assertThat(verdict.refused()).isTrue();
        assertThat(verdict.sentence())
                .startsWith("This service does not pseudonymize as ab-router r1 does: its pseudonymization secret"
                        + " differs");
        assertThat(collector.verdict()).isEqualTo(verdict);
        assertThat(hash("fingerprint")).isEqualTo(SHARED.fingerprint());
    }

    @Test
    void otherAppIdsRefuseToo() {
        agreement("ab-router r1", SHARED).check();

        PseudonymizationAgreement.Verdict verdict = agreement(
                        "feedback-collector c1",
                        PseudonymizationTerms.of(new Pseudonymizer("the secret of the deployment"), List.of("shop")))
                .check();

        assertThat(verdict.refused()).isTrue();
        assertThat(verdict.sentence()).contains("its app ids [shop] differ from [news, shop]");
    }

    @Test
    void onceTheTermsInForceExpiredTheRefusedServicePublishesItsOwnAndServes() {
        // Given a collector refused by a router's terms
        agreement("ab-router r1", SHARED).check();
        PseudonymizationAgreement collector = agreement(
                "feedback-collector c1",
                PseudonymizationTerms.of(new Pseudonymizer("the secret of a new deployment"), List.of("shop")));
        assertThat(collector.check().refused()).isTrue();

        // When the router's terms expire (no agreeing service refreshed them) and the collector checks again
        deleteTheTerms();
        PseudonymizationAgreement.Verdict verdict = collector.check();

        // Then its terms are those in force and it serves
        assertThat(verdict.refused()).isFalse();
        assertThat(hash("publisher")).isEqualTo("feedback-collector c1");
    }

    @Test
    void withoutRedisTheLastVerdictStands() {
        // Given a service whose Redis is unreachable from the start
        Redis closed = Redis.createClient(vertx, LocalStack.CLOSED_REDIS);
        try (PseudonymizationAgreement unreachable =
                new PseudonymizationAgreement(closed, TIMEOUT, scope, "ab-router r1", SHARED)) {

            // When it checks, then it serves, saying it has not checked
            PseudonymizationAgreement.Verdict verdict = unreachable.check();
            assertThat(verdict.refused()).isFalse();
            assertThat(verdict.sentence()).startsWith("Not checked yet");
        } finally {
            closed.close();
        }
    }

    private PseudonymizationAgreement agreement(String publisher, PseudonymizationTerms terms) {
        return new PseudonymizationAgreement(redis, TIMEOUT, scope, publisher, terms);
    }

    private String hash(String field) {
        return redis.send(Request.cmd(Command.HGET)
                        .arg(RedisKeys.pseudonymization(scope))
                        .arg(field))
                .await()
                .atMost(TIMEOUT)
                .toString();
    }

    private long ttlMillis() {
        return redis.send(Request.cmd(Command.PTTL).arg(RedisKeys.pseudonymization(scope)))
                .await()
                .atMost(TIMEOUT)
                .toLong();
    }
}
