package io.autoloop.retrainer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.autoloop.contracts.LabelledSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's samples come from the repository's Open Bandit stream, mapped as the javadoc of ObdSamples says. */
class ObdSamplesTest {

    @Test
    void theFirstLineOfTheRepositoryStreamBecomesALabelledSampleOfItsNamespaces() throws IOException {
        // given the stream of the repository, found from the module's working directory
        ObdSamples samples = new ObdSamples(ObdSamples.repositoryStream());

        // when the first sample is drawn
        LabelledSample first = samples.next();

        // then its first line (a bts/men impression of item men_2 in slot 2, not clicked) is mapped namespace by
        // namespace, c and a both into the context
        assertThat(first.decisionId()).isEqualTo("obd-0");
        assertThat(first.label()).isZero();
        assertThat(first.itemId()).isEqualTo("men_2");
        assertThat(first.position()).isEqualTo(2);
        assertThat(first.features())
                .isEqualTo(Map.of(
                        "user",
                        Map.of(
                                "f0", "cef3390ed299c09874189c387777674a",
                                "f1", "2d03db5543b14483e52d761760686b64",
                                "f2", "c2e4f76cdbabecd33b8c762aeef386b3",
                                "f3", "c39b0c7dd5d4eb9a18e7db6ba2f258f8"),
                        "item",
                        Map.of(
                                "id", "men_2",
                                "if1", "77490d05a721c6d93edf580642ffd8bd",
                                "if2", "bfcce809dad48aadc7fcbe714f9eabd7",
                                "if3", "7a0c97ee71eb7985bd0a6271ce57cec5",
                                "if0", 0.7456623052631924),
                        "context",
                        Map.of("camp", "men", "aff", 0.0)));
    }

    @Test
    void afterTheLastLineTheStreamStartsAgainWithFreshDecisionIds(@TempDir Path folder) throws IOException {
        // given a stream of two lines
        Path file = folder.resolve("two.vw");
        Files.writeString(file, "1 'a |u f0=x |i id=men_1 |p pos=1\n-1 'b |u f0=y |i id=men_2 |p pos=3\n");
        ObdSamples samples = new ObdSamples(file);

        // when three samples are drawn
        List<LabelledSample> drawn = List.of(samples.next(), samples.next(), samples.next());

        // then the third is the first line again, under a new decision id
        assertThat(drawn).extracting(LabelledSample::decisionId).containsExactly("obd-0", "obd-1", "obd-2");
        assertThat(drawn).extracting(LabelledSample::itemId).containsExactly("men_1", "men_2", "men_1");
        assertThat(drawn).extracting(LabelledSample::label).containsExactly(1, 0, 1);
        assertThat(drawn.get(2).features()).isEqualTo(drawn.get(0).features());
    }

    @Test
    void outsideARepositoryTheStreamIsMissingWithASentenceNamingWhereItLooked(@TempDir Path elsewhere) {
        assertThatIllegalStateException()
                .isThrownBy(() -> ObdSamples.repositoryStream(elsewhere))
                .withMessageContaining("No folder from " + elsewhere + " upwards holds data/obd and a pom.xml");
    }
}
