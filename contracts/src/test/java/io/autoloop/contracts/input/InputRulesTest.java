package io.autoloop.contracts.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class InputRulesTest {

    private static final String EMOJI = "\uD83D\uDE00";

    private final InputRules rules = InputRules.DEFAULTS;

    static List<Arguments> ids() {
        return List.of(
                Arguments.of("u-42", null),
                Arguments.of("ユーザー42", null),
                Arguments.of(EMOJI.repeat(128), null),
                Arguments.of("x".repeat(128), null),
                Arguments.of("", "userId must not be empty or blank."),
                Arguments.of(" \t", "userId must not be empty or blank."),
                Arguments.of("x".repeat(129), "userId has 129 characters; at most 128 are allowed."),
                Arguments.of(EMOJI.repeat(129), "userId has 129 characters; at most 128 are allowed."),
                Arguments.of(
                        "a\u0000b", "userId contains the control character U+0000; ids and names must be printable."),
                Arguments.of(
                        "a\u007Fb", "userId contains the control character U+007F; ids and names must be printable."),
                Arguments.of(
                        "a\uD800b", "userId contains an unpaired UTF-16 surrogate, which is not valid Unicode text."),
                Arguments.of(
                        "a\uDC00", "userId contains an unpaired UTF-16 surrogate, which is not valid Unicode text."),
                Arguments.of(
                        "\uDE00\uD83D",
                        "userId contains an unpaired UTF-16 surrogate, which is not valid Unicode text."));
    }

    @ParameterizedTest
    @MethodSource("ids")
    void anIdIsCountedInCodePointsAndMustBePrintableUnicode(String id, String problem) {
        // when an id is checked
        Optional<String> found = InputRules.idProblem("userId", id);

        // then it passes, or the sentence says why not
        assertThat(found).isEqualTo(Optional.ofNullable(problem));
    }

    static List<Arguments> numbers() {
        return List.of(
                Arguments.of(0.0, true),
                Arguments.of(1e9, true),
                Arguments.of(-1e9, true),
                Arguments.of(0.25, true),
                Arguments.of(1e9 + 1, false),
                Arguments.of(-1e10, false),
                Arguments.of(1e200, false),
                Arguments.of(1e308, false),
                Arguments.of(Double.POSITIVE_INFINITY, false),
                Arguments.of(Double.NEGATIVE_INFINITY, false),
                Arguments.of(Double.NaN, false));
    }

    @ParameterizedTest
    @MethodSource("numbers")
    void aNumberMustBeFiniteAndWithinTheMagnitude(double number, boolean accepted) {
        assertThat(rules.numberProblem("price", number).isEmpty()).isEqualTo(accepted);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e10, -1e10})
    void aNumberBeyondTheMagnitudeIsToldTheLimit(double number) {
        assertThat(rules.numberProblem("price", number))
                .contains("price lies beyond ±1000000000, the largest magnitude a number may have; send an identifier"
                        + " as a string.");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.NaN})
    void aNumberThatIsNotFiniteIsToldSo(double number) {
        assertThat(rules.numberProblem("value 1E+400", number))
                .contains("value 1E+400 is too large to be a finite 64-bit number; numbers must lie within"
                        + " ±1000000000.");
    }

    static List<Arguments> values() {
        return List.of(
                Arguments.of("text", null),
                Arguments.of("", null),
                Arguments.of("NaN", null),
                Arguments.of("line\nbreak", null),
                Arguments.of(EMOJI.repeat(1024), null),
                Arguments.of(true, null),
                Arguments.of(7, null),
                Arguments.of(-1_000_000_000L, null),
                Arguments.of(0.5, null),
                Arguments.of(null, null),
                Arguments.of(EMOJI.repeat(1025), "f has 1025 characters; at most 1024 are allowed."),
                Arguments.of("a\uD800", "f contains an unpaired UTF-16 surrogate, which is not valid Unicode text."),
                Arguments.of(
                        BigInteger.TEN.pow(30),
                        "f lies beyond ±1000000000, the largest magnitude a number may have; send an identifier as a"
                                + " string."),
                Arguments.of(
                        1e308,
                        "f lies beyond ±1000000000, the largest magnitude a number may have; send an identifier as a"
                                + " string."),
                Arguments.of(Map.of("x", 1), "f must be a string, a number or a boolean, but it is an object."),
                Arguments.of(List.of(1), "f must be a string, a number or a boolean, but it is an array."));
    }

    @ParameterizedTest
    @MethodSource("values")
    void aFeatureValueIsAStringABooleanOrABoundedNumber(Object value, String problem) {
        assertThat(rules.valueProblem("f", value)).isEqualTo(Optional.ofNullable(problem));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a\u0000", "a\uD800"})
    void aNameFollowsTheCharacterRulesOfIds(String name) {
        assertThat(rules.nameProblem("The key", name)).isEqualTo(InputRules.idProblem("The key", name));
        assertThat(rules.nameProblem("The key", name)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100})
    void aMapOfAtMostTheLimitPasses(int size) {
        assertThat(rules.sizeProblem("user", size)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {101, 100_000})
    void aLargerMapIsToldTheLimit(int size) {
        assertThat(rules.sizeProblem("user", size)).contains("user has " + size + " keys; at most 100 are allowed.");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, 9007199254740994.0, Double.NaN, Double.POSITIVE_INFINITY})
    void aMagnitudeOutsideZeroToTwoToTheFiftyThirdIsAConfigurationError(double magnitude) {
        assertThatThrownBy(() -> new InputRules(magnitude, 100, 128, 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 2^53");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void limitsBelowOneAreAConfigurationError(int limit) {
        assertThatThrownBy(() -> new InputRules(1e9, limit, 128, 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InputRules(1e9, 100, limit, 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InputRules(1e9, 100, 128, limit)).isInstanceOf(IllegalArgumentException.class);
    }
}
