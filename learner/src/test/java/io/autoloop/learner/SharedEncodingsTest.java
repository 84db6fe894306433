package io.autoloop.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedEncodingsTest {

    private static final FeatureSpec CROSSED = new FeatureSpec(16, 0, List.of(new Cross("user", "item")));
    private static final FeatureSpec PLAIN = FeatureSpec.withoutCrosses(16);
    private static final Map<String, Map<String, Object>> FEATURES =
            Map.of("user", Map.of("country", "FR"), "item", Map.of("price", 12.5));

    @Test
    void anExampleIsHashedOncePerDistinctSpecHoweverManyTimesItIsAskedFor() {
        // given two examples and learners of two specs, three of them sharing one spec
        SharedEncodings encodings = new SharedEncodings();

        // when each example is asked for four times
        for (String user : List.of("u1", "u2")) {
            encodings.next(user, "i1", 1, FEATURES);
            encodings.vector(CROSSED);
            encodings.vector(CROSSED);
            encodings.vector(PLAIN);
            encodings.vector(CROSSED);
        }

        // then it was hashed twice per example: once per spec
        assertThat(encodings.encodings()).isEqualTo(4);
    }

    @Test
    void theSharedVectorIsTheOneTheSpecsOwnEncoderMakes() {
        SharedEncodings encodings = new SharedEncodings();
        FeatureVector expected = new FeatureVector();
        new FeatureEncoder(PLAIN).encode("u1", "i1", 2, FEATURES, expected);

        encodings.next("u1", "i1", 2, FEATURES);
        encodings.vector(CROSSED);

        assertThat(encodings.vector(PLAIN).toString()).isEqualTo(expected.toString());
    }

    @Test
    void anExampleTheEncoderRefusesIsRefusedForEverySpecWithoutHashingAgain() {
        SharedEncodings encodings = new SharedEncodings();
        encodings.next("u1", "i1", 0, FEATURES);

        assertThatThrownBy(() -> encodings.vector(CROSSED)).hasMessageContaining("position");
        assertThatThrownBy(() -> encodings.vector(PLAIN)).hasMessageContaining("position");
        assertThat(encodings.encodings()).isEqualTo(1);
    }
}
