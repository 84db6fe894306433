package io.autoloop.retrainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.learner.FeatureHasher;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SampleEncoderTest {

    private static final FeatureSpec SPEC = FeatureSpec.defaults();

    @Test
    void trainsOnTheFeaturesTheIdsAndTheLoggedSlot() {
        LabelledSample sample = sample(3, Map.of("user", Map.of("segment", "s1"), "item", Map.of("price", 12.5)));

        FeatureVector encoded = encode(sample);

        // What the router hashes for the same pair at the reference position, with the slot replaced by 3.
        FeatureVector expected = hash(Map.of(
                "user", Map.of("segment", "s1", "id", "u1"),
                "item", Map.of("price", 12.5, "id", "i1"),
                "context", Map.of("position", "3")));
        assertThat(coordinates(encoded)).isEqualTo(coordinates(expected));
    }

    @Test
    void theRouterReferencePositionIsTheStringOne() {
        FeatureVector atReference = encode(sample(1, Map.of()));

        FeatureVector routerScoring = hash(Map.of(
                "user",
                Map.of("id", "u1"),
                "item",
                Map.of("id", "i1"),
                SampleEncoder.POSITION_NAMESPACE,
                Map.of(SampleEncoder.POSITION_FEATURE, SampleEncoder.REFERENCE_POSITION)));
        assertThat(coordinates(atReference)).isEqualTo(coordinates(routerScoring));
    }

    @Test
    void aLoggedReferencePositionIsReplacedByTheServedSlot() {
        LabelledSample logged = sample(2, Map.of("context", Map.of("position", "1", "device", "ios")));

        FeatureVector encoded = encode(logged);

        FeatureVector expected = hash(Map.of(
                "user", Map.of("id", "u1"),
                "item", Map.of("id", "i1"),
                "context", Map.of("device", "ios", "position", "2")));
        assertThat(coordinates(encoded)).isEqualTo(coordinates(expected));
    }

    @Test
    void idsTheRouterAlreadyLoggedAreNotAddedTwice() {
        LabelledSample logged = sample(1, Map.of("user", Map.of("id", "u1"), "item", Map.of("id", "i1")));

        assertThat(coordinates(encode(logged))).isEqualTo(coordinates(encode(sample(1, Map.of()))));
    }

    @Test
    void aFeatureValueThatIsNotAScalarIsRefusedByName() {
        LabelledSample sample = sample(1, Map.of("item", Map.of("tags", List.of("a", "b"))));

        assertThatThrownBy(() -> encode(sample))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("item^tags");
    }

    private static FeatureVector encode(LabelledSample sample) {
        FeatureVector vector = new FeatureVector();
        new SampleEncoder(SPEC).encode(sample, vector);
        return vector;
    }

    private static FeatureVector hash(Map<String, Map<String, Object>> features) {
        FeatureVector vector = new FeatureVector();
        new FeatureHasher(SPEC).hash(features, vector);
        return vector;
    }

    /** Coordinate → summed value: the vector as the learner sees it, independent of entry order. */
    private static Map<Integer, Double> coordinates(FeatureVector vector) {
        Map<Integer, Double> sums = new TreeMap<>();
        for (int i = 0; i < vector.size(); i++) {
            sums.merge(vector.index(i), vector.value(i), Double::sum);
        }
        return sums;
    }

    private static LabelledSample sample(int position, Map<String, Map<String, Object>> features) {
        return new LabelledSample(
                1,
                "d1",
                "u1",
                "i1",
                position,
                1.0,
                features,
                1,
                1.0,
                "click",
                null,
                "0.1.0",
                Arm.CHAMPION,
                0.1,
                Instant.parse("2026-01-01T00:00:00Z"),
                true);
    }
}
