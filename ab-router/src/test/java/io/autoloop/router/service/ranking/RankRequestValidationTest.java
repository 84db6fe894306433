package io.autoloop.router.service.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.input.InputRules;
import io.autoloop.learner.FeatureEncoder;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RankRequestValidationTest {

    /** The defaults: the shared input rules, 1,000 candidates, 100 slots (10 by default), Kafka's 1 MiB less 16 KiB. */
    static final RankRequestValidation DEFAULTS =
            new RankRequestValidation(InputRules.DEFAULTS, 1_000, 100, 10, 1_048_576 - DecisionLog.RECORD_RESERVE);

    private final ObjectMapper json = new ObjectMapper();

    private RankRequest request(String features) throws Exception {
        return json.readValue(
                "{\"userId\": \"u\", \"candidates\": [{\"itemId\": \"a\", \"features\": " + features + "}]}",
                RankRequest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "1e999999", "123e4567"})
    void aNumberThatOverflowsToInfinityIsRefusedNamingTheField(String number) throws Exception {
        // given a request whose JSON number is too large for a double
        RankRequest request = request("{\"price\": " + number + "}");

        // then it is a 400 naming the feature, before any scoring
        assertThatThrownBy(() -> DEFAULTS.check(request))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).errors())
                .asList()
                .containsExactly(new FieldError(
                        "candidates[0].features.price",
                        "candidates[0].features.price is too large to be a finite 64-bit number; numbers must lie"
                                + " within ±1000000000."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e308", "-1e10", "1000000001", "12345678901234567890123"})
    void aFiniteNumberBeyondTheMagnitudeIsRefusedNamingTheField(String number) throws Exception {
        RankRequest request = request("{\"quality\": " + number + "}");

        assertThatThrownBy(() -> DEFAULTS.check(request))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).errors())
                .asList()
                .containsExactly(new FieldError(
                        "candidates[0].features.quality",
                        "candidates[0].features.quality lies beyond ±1000000000, the largest magnitude a number may"
                                + " have; send an identifier as a string."));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"text\"",
                "\"\"",
                "true",
                "false",
                "null",
                "0",
                "-7",
                "3000000000",
                "12345678901234567890123",
                "0.25",
                "-1.5e-3",
                "1e9",
                "1e308",
                "1e400",
                "[1, 2]",
                "{\"x\": 1}",
                "[]",
                "{}"
            })
    void whateverValidationAcceptsTheEncoderEncodes(String value) throws Exception {
        // given one feature of each JSON kind in the user, the context and the item
        RankRequest request = json.readValue(
                "{\"userId\": \"u\", \"user\": {\"f\": " + value + "}, \"context\": {\"f\": " + value + "},"
                        + " \"candidates\": [{\"itemId\": \"a\", \"features\": {\"f\": " + value + "}}]}",
                RankRequest.class);

        // when the request is validated, and its candidate encoded
        boolean valid = accepts(() -> DEFAULTS.check(request), InvalidRequestException.class);
        boolean encodable = accepts(
                () -> RankingService.encode(
                        new FeatureEncoder(FeatureSpec.defaults()),
                        "pseudonym",
                        request,
                        request.candidates().get(0),
                        1,
                        new FeatureVector()),
                IllegalArgumentException.class);

        // then a valid request never fails in the encoder, which would answer 500 (the rules are stricter: a number
        // beyond ±1e9 is encodable but refused)
        if (valid) {
            assertThat(encodable).isTrue();
        }
    }

    @Test
    void aMapOfAHundredThousandNamesIsRefusedByItsSize() throws Exception {
        // given a user map of 100,000 names
        StringBuilder user = new StringBuilder("{");
        for (int i = 0; i < 100_000; i++) {
            user.append(i == 0 ? "" : ",").append("\"f").append(i).append("\": 1");
        }
        RankRequest request = json.readValue(
                "{\"userId\": \"u\", \"user\": " + user + "}, \"candidates\": [{\"itemId\": \"a\"}]}",
                RankRequest.class);

        // then it is refused, naming the map and the limit
        assertThatThrownBy(() -> DEFAULTS.check(request))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).errors())
                .asList()
                .containsExactly(new FieldError("user", "user has 100000 keys; at most 100 are allowed."));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 101, 1_000})
    void aLimitOutsideOneToTheMaximumIsRefused(int limit) throws Exception {
        RankRequest request = json.readValue(
                "{\"userId\": \"u\", \"candidates\": [{\"itemId\": \"a\"}], \"limit\": " + limit + "}",
                RankRequest.class);

        assertThatThrownBy(() -> DEFAULTS.check(request))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).errors().get(0).field())
                .isEqualTo("limit");
    }

    @Test
    void aLimitAboveTheCandidatesIsCappedNotRefused() throws Exception {
        RankRequest request = json.readValue(
                "{\"userId\": \"u\", \"candidates\": [{\"itemId\": \"a\"}], \"limit\": 100}", RankRequest.class);

        DEFAULTS.check(request);
    }

    @Test
    void aRankingWhoseDecisionWouldNotFitTheDecisionLogIsRefusedWith413NamingTheLimit() throws Exception {
        // given 100 slots and a user of 100 features of 100 characters: every slot repeats 10 kB of them
        StringBuilder user = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            user.append(i == 0 ? "" : ",")
                    .append("\"f")
                    .append(i)
                    .append("\": \"")
                    .append("v".repeat(100))
                    .append('"');
        }
        StringBuilder candidates = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            candidates
                    .append(i == 0 ? "" : ",")
                    .append("{\"itemId\": \"item-")
                    .append(i)
                    .append("\"}");
        }
        RankRequest request = json.readValue(
                "{\"userId\": \"u\", \"user\": " + user + "}, \"candidates\": " + candidates + "], \"limit\": 100}",
                RankRequest.class);

        // then it is refused before anything is scored, as too large, naming the limit
        assertThatThrownBy(() -> DEFAULTS.check(request))
                .isInstanceOfSatisfying(InvalidRequestException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(413);
                    assertThat(refused.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("limit");
                        assertThat(error.message()).contains("serving.decisions takes at most 1032192");
                    });
                });
        // and the same request for 10 slots is served
        DEFAULTS.check(json.readValue(
                "{\"userId\": \"u\", \"user\": " + user + "}, \"candidates\": " + candidates + "], \"limit\": 10}",
                RankRequest.class));
    }

    private static boolean accepts(Runnable action, Class<? extends RuntimeException> refusal) {
        try {
            action.run();
            return true;
        } catch (RuntimeException e) {
            assertThat(e).isInstanceOf(refusal);
            return false;
        }
    }
}
