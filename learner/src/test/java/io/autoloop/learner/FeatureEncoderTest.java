package io.autoloop.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeatureEncoderTest {

    private static final FeatureSpec SPEC = FeatureSpec.defaults();

    @Test
    void encodesTheFeaturesTheIdsAndTheSlot() {
        // given a sample's features without ids or position
        Map<String, Map<String, Object>> features =
                Map.of("user", Map.of("segment", "s1"), "item", Map.of("price", 12.5, "new", true));

        // when it is encoded for user u1, item i1 in slot 3
        FeatureVector encoded = train("u1", "i1", 3, features);

        // then it is hashed with the ids and the slot as a string, crosses included
        FeatureVector expected = hash(Map.of(
                "user", Map.of("segment", "s1", "id", "u1"),
                "item", Map.of("price", 12.5, "new", "true", "id", "i1"),
                "context", Map.of("position", "3")));
        assertThat(entries(encoded)).isEqualTo(entries(expected));
    }

    @ParameterizedTest
    @MethodSource("servedItems")
    void servingFromTheRequestsNamespacesEncodesExactlyAsTrainingFromTheSample(
            Map<String, Object> user, Map<String, Object> context, Map<String, Object> item, int position) {
        // given the features of one candidate as a request carries them, and as a sample carries them
        Map<String, Map<String, Object>> sample = new LinkedHashMap<>();
        sample.put("user", user);
        sample.put("context", context);
        sample.put("item", item);

        // when both forms encode them at the same slot
        FeatureVector served = new FeatureVector(4);
        new FeatureEncoder(SPEC).encode("u1", user, context, "i1", item, position, served);
        FeatureVector trained = train("u1", "i1", position, sample);

        // then the model sees the same coordinates and values
        assertThat(entries(served)).isEqualTo(entries(trained));
    }

    static Stream<Arguments> servedItems() {
        Map<String, Object> withNulls = new HashMap<>();
        withNulls.put("country", "fr");
        withNulls.put("age", null);
        return Stream.of(
                Arguments.of(Map.of(), Map.of(), Map.of(), 1),
                Arguments.of(Map.of("country", "fr", "premium", true), Map.of("hour", 21), Map.of("price", 9.5), 2),
                Arguments.of(withNulls, Map.of("device", "mobile"), Map.of("category", "news", "score", -0.25), 7),
                Arguments.of(Map.of("id", "ignored"), Map.of("position", "1"), Map.of("id", 42), 1),
                Arguments.of(Map.of("visits", 3L), Map.of("id", "ctx-9"), Map.of("rank", new BigInteger("7")), 5000));
    }

    @Test
    void theIdsGivenWinOverIdFeaturesInTheSample() {
        // given features that carry a user id and an item id of their own
        Map<String, Map<String, Object>> logged =
                Map.of("user", Map.of("id", "someone-else"), "item", Map.of("id", 17));

        // when they are encoded for user u1 and item i1
        FeatureVector encoded = train("u1", "i1", 1, logged);

        // then the ids are u1 and i1, each once
        assertThat(entries(encoded)).isEqualTo(entries(train("u1", "i1", 1, Map.of())));
    }

    @Test
    void aPositionInTheContextIsReplacedByTheSlot() {
        // given features logged with the reference position the router scored at
        Map<String, Map<String, Object>> logged = Map.of("context", Map.of("position", "1", "device", "ios"));

        // when the item is encoded at the slot it was shown in
        FeatureVector encoded = train("u1", "i1", 2, logged);

        // then only the slot is there
        assertThat(entries(encoded))
                .isEqualTo(entries(train("u1", "i1", 2, Map.of("context", Map.of("device", "ios")))));
    }

    @Test
    void thePositionIsAStringFeatureNotANumber() {
        // when an item is encoded at slot 1
        FeatureVector encoded = train("u1", "i1", 1, Map.of());

        // then it holds context^position=1 (string), not context^position with the value 1
        FeatureVector asString = hash(
                Map.of("user", Map.of("id", "u1"), "item", Map.of("id", "i1"), "context", Map.of("position", "1")));
        FeatureVector asNumber =
                hash(Map.of("user", Map.of("id", "u1"), "item", Map.of("id", "i1"), "context", Map.of("position", 1)));
        assertThat(entries(encoded)).isEqualTo(entries(asString)).isNotEqualTo(entries(asNumber));
    }

    @Test
    void anIdOutsideTheUserAndItemNamespacesIsAnOrdinaryFeature() {
        FeatureVector withContextId = train("u1", "i1", 1, Map.of("context", Map.of("id", "c1")));

        assertThat(entries(withContextId)).isNotEqualTo(entries(train("u1", "i1", 1, Map.of())));
    }

    @Test
    void slotsPastThePreparedOnesEncodeTheSame() {
        int slot = FeatureEncoder.CACHED_POSITIONS + 5;

        FeatureVector encoded = train("u1", "i1", slot, Map.of());

        FeatureVector expected = hash(Map.of(
                "user", Map.of("id", "u1"), "item", Map.of("id", "i1"), "context", Map.of("position", "" + slot)));
        assertThat(entries(encoded)).isEqualTo(entries(expected));
    }

    @ParameterizedTest
    @MethodSource("refusedValues")
    void nestedValuesAndNonFiniteNumbersAreRefusedNamingTheFeature(Object value) {
        Map<String, Object> item = new HashMap<>();
        item.put("bad", value);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> train("u1", "i1", 1, Map.of("item", item)))
                .withMessageContaining("item^bad");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FeatureEncoder(SPEC).encode("u1", null, null, "i1", item, 1, new FeatureVector()))
                .withMessageContaining("item^bad");
    }

    static Stream<Object> refusedValues() {
        return Stream.of(
                List.of("a", "b"),
                Map.of("x", 1),
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                new BigDecimal("1e400"),
                'c');
    }

    @ParameterizedTest
    @MethodSource("everyKindOfValue")
    void aValueIsEncodedExactlyWhenTheHasherSaysItIsOne(Object value) {
        // given a feature of any kind
        Map<String, Object> user = new HashMap<>();
        user.put("f", value);

        // when it is encoded
        boolean encoded;
        try {
            train("u1", "i1", 1, Map.of("user", user));
            encoded = true;
        } catch (IllegalArgumentException refused) {
            encoded = false;
        }

        // then what a request validator accepts (FeatureHasher.isValue) is exactly what encodes
        assertThat(encoded).isEqualTo(FeatureHasher.isValue(value));
    }

    static Stream<Object> everyKindOfValue() {
        return Stream.concat(
                Stream.of(
                        "text",
                        "",
                        true,
                        false,
                        0,
                        -3,
                        7L,
                        2.5,
                        0.0f,
                        new BigInteger("123456789012345678901234567890"),
                        new BigDecimal("0.1"),
                        Double.MAX_VALUE),
                refusedValues());
    }

    @Test
    void nullsAreSkipped() {
        Map<String, Object> user = new HashMap<>();
        user.put("age", null);
        user.put("country", "fr");

        assertThat(entries(train("u1", "i1", 1, Map.of("user", user))))
                .isEqualTo(entries(train("u1", "i1", 1, Map.of("user", Map.of("country", "fr")))));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void aPositionBelowOneIsRefused(int position) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> train("u1", "i1", position, Map.of()))
                .withMessageContaining("counted from 1");
    }

    @Test
    void encodingAllocatesNothingOnceWarm() {
        // given a warmed-up encoder, the shared features of a request and 50 candidates
        FeatureEncoder encoder = new FeatureEncoder(SPEC);
        FeatureVector vector = new FeatureVector();
        Map<String, Object> user = new LinkedHashMap<>(Map.of("country", "fr", "premium", true));
        Map<String, Object> context = new LinkedHashMap<>(Map.of("device", "mobile", "hour", 21));
        List<String> itemIds = new ArrayList<>();
        List<Map<String, Object>> items = new ArrayList<>();
        List<Map<String, Map<String, Object>>> samples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            itemIds.add("item-" + i);
            items.add(new LinkedHashMap<>(Map.of("category", "c" + i % 4, "price", 1.5 + i)));
            Map<String, Map<String, Object>> sample = new LinkedHashMap<>();
            sample.put("user", user);
            sample.put("context", context);
            sample.put("item", items.get(i));
            samples.add(sample);
        }
        Runnable pass = () -> {
            for (int i = 0; i < items.size(); i++) {
                encoder.encode("u1", user, context, itemIds.get(i), items.get(i), 1 + i % 10, vector);
                encoder.encode("u1", itemIds.get(i), 1 + i % 10, samples.get(i), vector);
            }
        };
        for (int i = 0; i < 200; i++) {
            pass.run();
        }

        // when more passes run
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100; i++) {
            pass.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // then 10,000 encodings allocated (next to) nothing
        assertThat(allocated).isLessThan(1_000);
    }

    private static FeatureVector train(
            String userId, String itemId, int position, Map<String, ? extends Map<String, ?>> features) {
        FeatureVector vector = new FeatureVector(4);
        new FeatureEncoder(SPEC).encode(userId, itemId, position, features, vector);
        return vector;
    }

    private static FeatureVector hash(Map<String, Map<String, Object>> features) {
        FeatureVector vector = new FeatureVector(4);
        new FeatureHasher(SPEC).hash(features, vector);
        return vector;
    }

    /** The vector's (coordinate, value) entries in ascending order: what a model sums, whatever the entry order. */
    static List<String> entries(FeatureVector vector) {
        String[] entries = new String[vector.size()];
        for (int i = 0; i < vector.size(); i++) {
            entries[i] = String.format("%010d:%s", vector.index(i), vector.value(i));
        }
        Arrays.sort(entries);
        return List.of(entries);
    }
}
