package io.autoloop.retrainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.autoloop.contracts.LineageConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LineageRequestTest {

    private static final LineageConfig DEFAULTS = new LineageConfig(22, List.of("user*item"), 0.1, 1.0, 0.0, 0.0, 1);

    @Test
    void omittedFieldsTakeTheDefaultLineagesValues() {
        LineageRequest request = LineageRequest.parse(Map.of("name", "no-cross", "crosses", List.of()), DEFAULTS);

        assertThat(request.name()).isEqualTo("no-cross");
        assertThat(request.config()).isEqualTo(new LineageConfig(22, List.of(), 0.1, 1.0, 0.0, 0.0, 1));
    }

    @Test
    void everyFieldCanBeGiven() {
        Map<String, Object> body = Map.of(
                "name",
                "wide",
                "hashBits",
                24,
                "crosses",
                List.of("user*item", "context*item"),
                "alpha",
                0.05,
                "beta",
                2,
                "l1",
                0.5,
                "l2",
                1.5,
                "labelling",
                1);

        assertThat(LineageRequest.parse(body, DEFAULTS).config())
                .isEqualTo(new LineageConfig(24, List.of("user*item", "context*item"), 0.05, 2.0, 0.5, 1.5, 1));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("colour", "blue", "colour"),
                Arguments.of("name", "", "name"),
                Arguments.of("name", "has space", "name"),
                Arguments.of("hashBits", 0, "hashBits"),
                Arguments.of("hashBits", 29, "hashBits"),
                Arguments.of("hashBits", 22.5, "hashBits"),
                Arguments.of("alpha", 0, "alpha"),
                Arguments.of("alpha", -0.1, "alpha"),
                Arguments.of("alpha", Double.NaN, "alpha"),
                Arguments.of("alpha", "NaN", "alpha"),
                Arguments.of("beta", -1, "beta"),
                Arguments.of("l1", -0.5, "l1"),
                Arguments.of("l2", Double.POSITIVE_INFINITY, "l2"),
                Arguments.of("crosses", List.of("user*weather"), "crosses"),
                Arguments.of("crosses", List.of("user*user"), "crosses"),
                Arguments.of("crosses", List.of("user*item", "user*item"), "crosses"),
                Arguments.of("crosses", "user*item", "crosses"),
                Arguments.of("labelling", 2, "labelling"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("refused")
    void aRequestWithABadFieldIsRefusedNamingIt(String key, Object value, String field) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "challenger"));
        body.put(key, value);

        LineageRequest.Invalid refusal =
                catchThrowableOfType(() -> LineageRequest.parse(body, DEFAULTS), LineageRequest.Invalid.class);

        assertThat(refusal.field()).isEqualTo(field);
        assertThat(refusal.getMessage()).contains(field).endsWith(".");
    }

    @Test
    void aRequestWithoutANameIsRefusedNamingIt() {
        LineageRequest.Invalid refusal = catchThrowableOfType(
                () -> LineageRequest.parse(Map.of("alpha", 0.2), DEFAULTS), LineageRequest.Invalid.class);

        assertThat(refusal.field()).isEqualTo("name");
    }
}
