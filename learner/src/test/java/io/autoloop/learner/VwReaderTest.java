package io.autoloop.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VwReaderTest {

    private static final FeatureSpec SPEC = FeatureSpec.withoutCrosses(20);

    @Test
    void aLineBecomesNamespacedStringAndNumericFeatures() {
        LabelledExample example = VwReader.toExample(
                "-1 'bts_men |c camp=men |u f0=ab f1=cd |i id=men_2 if0:0.745 |p pos=2 |a aff:0 flag");

        assertThat(example.label()).isEqualTo(0.0);
        assertThat(example.weight()).isEqualTo(1.0);
        assertThat(example.tag()).isEqualTo("bts_men");
        assertThat(example.features())
                .isEqualTo(Map.of(
                        "c", Map.of("camp", "men"),
                        "u", Map.of("f0", "ab", "f1", "cd"),
                        "i", Map.of("id", "men_2", "if0", 0.745),
                        "p", Map.of("pos", "2"),
                        "a", Map.of("aff", 0.0, "flag", 1.0)));
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "+1, 1", "0.5, 1", "-1, 0", "0, 0"})
    void positiveLabelsAreClicks(String label, double expected) {
        assertThat(VwReader.toExample(label + " |u a").label()).isEqualTo(expected);
    }

    @Test
    void importanceWeightNamespaceScaleAndDefaultNamespaceAreRead() {
        LabelledExample example = VwReader.toExample("1 2.5 'tag | plain x:2 |u:3 a:2 b=c");

        assertThat(example.weight()).isEqualTo(2.5);
        assertThat(example.features())
                .isEqualTo(Map.of("", Map.of("plain", 1.0, "x", 2.0), "u", Map.of("a", 6.0, "b=c", 3.0)));
    }

    @Test
    void theNamespacedFormHashesExactlyLikeTheStreamingReader() throws IOException {
        // given the first 500 Open Bandit lines
        List<String> lines;
        try (var stream = java.nio.file.Files.lines(ObdData.stream())) {
            lines = stream.limit(500).toList();
        }
        FeatureHasher hasher = new FeatureHasher(SPEC);
        VwReader reader = new VwReader(new StringReader(String.join("\n", lines)), hasher);
        FeatureVector streamed = new FeatureVector();
        FeatureVector fromMap = new FeatureVector();

        // then each line hashes to the same entries, in the same order, either way
        for (String line : lines) {
            assertThat(reader.next(streamed)).isTrue();
            LabelledExample example = VwReader.toExample(line);
            hasher.hash(example.features(), fromMap);
            assertThat(FeatureHasherTest.entries(streamed)).isEqualTo(FeatureHasherTest.entries(fromMap));
            assertThat(reader.label()).isEqualTo(example.label());
        }
        assertThat(reader.next(streamed)).isFalse();
    }

    @Test
    void theStreamingReaderSkipsBlankLinesAndCountsEveryLine() throws IOException {
        VwReader reader = new VwReader(new StringReader("1 |u a\n\n  \n-1 3 |u b:2\n"), new FeatureHasher(SPEC));
        FeatureVector x = new FeatureVector();
        List<String> seen = new ArrayList<>();

        while (reader.next(x)) {
            seen.add(reader.label() + "/" + reader.weight() + "/" + x.size() + "@" + reader.lineNumber());
        }

        assertThat(seen).containsExactly("1.0/1.0/2@1", "0.0/3.0/2@4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"|u a", "yes |u a", "1 |u a:x", "1 -2 |u a", "1 'tag extra |u a"})
    void malformedLinesAreRejectedWithTheirLineNumber(String line) {
        VwReader reader = new VwReader(new StringReader("1 |u ok\n" + line), new FeatureHasher(SPEC));
        FeatureVector x = new FeatureVector();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> {
                    while (reader.next(x)) {
                        // read on
                    }
                })
                .withMessageStartingWith("Line 2 of the VW input: ");
    }
}
