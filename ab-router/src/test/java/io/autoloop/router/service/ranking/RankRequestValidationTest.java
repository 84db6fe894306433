package io.autoloop.router.service.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoloop.contracts.FieldError;
import io.autoloop.learner.FeatureEncoder;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RankRequestValidationTest {

    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "1e999999", "123e4567"})
    void aNumberThatOverflowsToInfinityIsRefusedNamingTheField(String number) throws Exception {
        // given a request whose JSON number is too large for a double
        RankRequest request = json.readValue(
                "{\"userId\": \"u\", \"candidates\": [{\"itemId\": \"a\", \"features\": {\"price\": " + number + "}}]}",
                RankRequest.class);

        // then it is a 400 naming the feature, before any scoring
        assertThatThrownBy(() -> RankRequestValidation.check(request, 10))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).errors())
                .asList()
                .containsExactly(new FieldError(
                        "candidates[0].features.price",
                        "A feature value must be a string, a finite number or a boolean, but it is not finite."));
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
                "1e308",
                "1e400",
                "[1, 2]",
                "{\"x\": 1}",
                "[]",
                "{}"
            })
    void whateverValidationAcceptsTheEncoderEncodesAndWhateverItRefusesTheEncoderWouldRefuse(String value)
            throws Exception {
        // given one feature of each JSON kind in the user, the context and the item
        RankRequest request = json.readValue(
                "{\"userId\": \"u\", \"user\": {\"f\": " + value + "}, \"context\": {\"f\": " + value + "},"
                        + " \"candidates\": [{\"itemId\": \"a\", \"features\": {\"f\": " + value + "}}]}",
                RankRequest.class);

        // when the request is validated, and its candidate encoded
        boolean valid = accepts(() -> RankRequestValidation.check(request, 10), InvalidRequestException.class);
        boolean encodable = accepts(
                () -> RankingService.encode(
                        new FeatureEncoder(FeatureSpec.defaults()),
                        "pseudonym",
                        request,
                        request.candidates().get(0),
                        1,
                        new FeatureVector()),
                IllegalArgumentException.class);

        // then the two agree: a valid request never fails in the encoder, which would answer 500
        assertThat(valid).isEqualTo(encodable);
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
