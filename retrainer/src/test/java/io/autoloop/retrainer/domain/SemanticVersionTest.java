package io.autoloop.retrainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticVersionTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.1.0", "1.0.0", "12.345.6789"})
    void parsesAndPrintsTheSameText(String text) {
        assertThat(SemanticVersion.parse(text).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2", "1.2.3.4", "01.2.3", "1.2.x", "v1.2.3", "1.2.3-rc.1", "-1.0.0", "1..3"})
    void refusesWhatIsNotMajorMinorPatch(String text) {
        assertThatThrownBy(() -> SemanticVersion.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "' is not a model version");
    }

    @Test
    void aLineagesVersionsAreItsOrdinalThenItsRefreshCountedFromOne() {
        SemanticVersion version = SemanticVersion.parse("1.4.2");

        assertThat(SemanticVersion.first(2)).hasToString("2.1.0");
        assertThat(version.nextMinor()).hasToString("1.5.0");
    }

    @Test
    void ordersNumericallyNotAlphabetically() {
        assertThat(Stream.of("0.10.0", "0.9.0", "1.0.0", "0.2.0")
                        .map(SemanticVersion::parse)
                        .sorted())
                .map(SemanticVersion::toString)
                .containsExactly("0.2.0", "0.9.0", "0.10.0", "1.0.0");
    }
}
