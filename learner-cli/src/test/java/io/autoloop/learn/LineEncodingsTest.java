package io.autoloop.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureHasher;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.VwReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineEncodingsTest {

    private static final FeatureSpec PLAIN = FeatureSpec.withoutCrosses(18);
    private static final FeatureSpec CROSSED = new FeatureSpec(20, 0, List.of(new Cross("u", "i")));
    private static final List<String> LINES = List.of(
            "1 2.5 'a |u f0=x f1=y |i id=7 price:9.5 |c h=h3",
            "-1 |u f0=z |i id=8 price:0 |c h=h4",
            "-1 |i id=9 |u f1=w");

    @Test
    void everySpecGetsTheVectorItsOwnReaderWouldHashAndTheLineItsLabelAndWeight() {
        LineEncodings encodings = new LineEncodings(PLAIN);

        for (String line : LINES) {
            assertThat(encodings.next(line)).isTrue();

            assertThat(encodings.vector(PLAIN).toString())
                    .isEqualTo(parsed(PLAIN, line).toString());
            assertThat(encodings.vector(CROSSED).toString())
                    .isEqualTo(parsed(CROSSED, line).toString());
        }
        encodings.next(LINES.get(0));
        assertThat(encodings.label()).isEqualTo(1.0);
        assertThat(encodings.weight()).isEqualTo(2.5);
    }

    @Test
    void theSpecAskedForFirstParsesTheNextLineAndTheOthersReuseItsHashes() {
        // given encodings that started with the plain spec, and a line where the crossed spec was asked for first
        LineEncodings encodings = new LineEncodings(PLAIN);
        encodings.next(LINES.get(0));
        encodings.vector(CROSSED);
        encodings.vector(PLAIN);

        // when the next lines are read, the crossed spec parses them and the plain one reuses its hashes
        for (String line : LINES.subList(1, 3)) {
            encodings.next(line);
            assertThat(encodings.vector(CROSSED).toString())
                    .isEqualTo(parsed(CROSSED, line).toString());
            assertThat(encodings.vector(PLAIN).toString())
                    .isEqualTo(parsed(PLAIN, line).toString());
        }
    }

    @Test
    void aBlankLineHoldsNoExampleAndAMalformedOneIsNamedByItsNumber() {
        LineEncodings encodings = new LineEncodings(PLAIN);

        assertThat(encodings.next("   ")).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> encodings.next("maybe |u f0=x"))
                .withMessage("Line 2 of the VW input: The label 'maybe' is not a number.");
    }

    private static FeatureVector parsed(FeatureSpec spec, String line) {
        FeatureVector vector = new FeatureVector();
        new VwReader(new StringReader(""), new FeatureHasher(spec)).parse(line, vector);
        return vector;
    }
}
