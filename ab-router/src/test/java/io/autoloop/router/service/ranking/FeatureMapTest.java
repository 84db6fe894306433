package io.autoloop.router.service.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class FeatureMapTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsScalarsInOrderAndBehavesLikeAMap() throws Exception {
        RankRequest request = json.readValue("""
                {"userId": "u", "context": {"device": "mobile", "hour": 21, "ratio": 0.25, "vip": true, "none": null},
                 "candidates": [{"itemId": "a", "features": {"n": 1.5}}]}
                """, RankRequest.class);

        Map<String, Object> context = request.context();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("device", "mobile");
        expected.put("hour", 21);
        expected.put("ratio", 0.25);
        expected.put("vip", true);
        expected.put("none", null);
        assertThat(context).isInstanceOf(FeatureMap.class).containsExactlyEntriesOf(expected);
        assertThat(context.get("hour")).isEqualTo(21);
        assertThat(request.candidates().get(0).features()).isEqualTo(Map.of("n", 1.5));
        assertThat(json.writeValueAsString(context))
                .isEqualTo("{\"device\":\"mobile\",\"hour\":21,\"ratio\":0.25,\"vip\":true,\"none\":null}");
    }

    @Test
    void aRepeatedNameKeepsItsLastValue() throws Exception {
        RankRequest request = json.readValue("{\"user\": {\"a\": 1, \"b\": 2, \"a\": 3}}", RankRequest.class);

        assertThat(request.user()).containsOnly(entry("a", 3), entry("b", 2));
    }

    @Test
    void nestedValuesAreKeptForValidationToName() throws Exception {
        RankRequest request = json.readValue("{\"user\": {\"tags\": [1, 2], \"geo\": {\"x\": 1}}}", RankRequest.class);

        assertThat(request.user().get("tags")).isEqualTo(List.of(1, 2));
        assertThat(request.user().get("geo")).isEqualTo(Map.of("x", 1));
    }

    @Test
    void aHundredThousandNamesAreReadInOrderWithTheirLastValues() throws Exception {
        // given a user map of 100,000 names, the first ten repeated at the end with new values
        StringBuilder user = new StringBuilder("{");
        for (int i = 0; i < 100_000; i++) {
            user.append('"').append("f").append(i).append("\":").append(i).append(',');
        }
        for (int i = 0; i < 10; i++) {
            user.append('"').append("f").append(i).append("\":").append(-i).append(i < 9 ? "," : "");
        }
        user.append('}');

        // when it is read
        FeatureMap map = (FeatureMap)
                json.readValue("{\"user\": " + user + "}", RankRequest.class).user();

        // then every name is there once, at its first place, with its last value
        assertThat(map.size()).isEqualTo(100_000);
        assertThat(map.name(0)).isEqualTo("f0");
        assertThat(map.value(3)).isEqualTo(-3);
        assertThat(map.name(99_999)).isEqualTo("f99999");
        assertThat(map.value(99_999)).isEqualTo(99_999);
    }

    @Test
    void removingRepeatedNamesComparesEachNameAConstantNumberOfTimes() {
        // given 20,000 names with distinct hash codes, every tenth a repetition (an equal name, another object)
        int size = 20_000;
        Comparisons comparisons = new Comparisons();
        CountedName[] names = new CountedName[size];
        Object[] values = new Object[size];
        for (int i = 0; i < size; i++) {
            names[i] = new CountedName(i % 10 == 9 ? i - 1 : i, i % 10 == 9 ? i - 1 : i, comparisons);
            values[i] = i;
        }

        // when the repetitions are removed
        int kept = FeatureMap.keepLastValues(names, values, size);

        // then 18,000 names are left, having cost a few comparisons each, not one per name kept before them
        assertThat(kept).isEqualTo(18_000);
        assertThat(comparisons.count).isLessThanOrEqualTo(2L * size);
        assertThat(values[8]).isEqualTo(9);
    }

    @Test
    void namesCraftedToShareAHashCodeCostLogarithmicallyNotLinearly() {
        // given 20,000 distinct names that all have the same hash code
        int size = 20_000;
        Comparisons comparisons = new Comparisons();
        CountedName[] names = new CountedName[size];
        Object[] values = new Object[size];
        for (int i = 0; i < size; i++) {
            names[i] = new CountedName(i, 42, comparisons);
            values[i] = i;
        }

        // when the repetitions are removed
        int kept = FeatureMap.keepLastValues(names, values, size);

        // then all are kept, at about log2(20,000) ≈ 15 comparisons each, far from the 10^8 of comparing every pair
        assertThat(kept).isEqualTo(size);
        assertThat(comparisons.count).isLessThanOrEqualTo(4L * size * 15);
    }

    /** Counts the comparisons made between {@link CountedName}s. */
    private static final class Comparisons {
        long count;
    }

    /** A name whose equality is its {@code id}, with a chosen hash code, that counts each comparison. */
    private static final class CountedName implements Comparable<CountedName> {
        private final int id;
        private final int hash;
        private final Comparisons comparisons;

        CountedName(int id, int hash, Comparisons comparisons) {
            this.id = id;
            this.hash = hash;
            this.comparisons = comparisons;
        }

        @Override
        public boolean equals(Object other) {
            comparisons.count++;
            return other instanceof CountedName name && name.id == id;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public int compareTo(CountedName other) {
            comparisons.count++;
            return Integer.compare(id, other.id);
        }
    }

    @Test
    void aNonObjectIsATypeMismatch() {
        Assertions.assertThatThrownBy(() -> json.readValue("{\"user\": [1]}", RankRequest.class))
                .isInstanceOf(MismatchedInputException.class);
    }
}
