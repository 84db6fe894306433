package io.autoloop.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeatureHasherTest {

    private static final FeatureSpec NO_CROSSES = FeatureSpec.withoutCrosses(18);

    @Test
    void biasComesFirstInItsOwnSlotBeyondTheHashedOnes() {
        FeatureVector vector = hash(NO_CROSSES, Map.of());

        assertThat(vector.size()).isEqualTo(1);
        assertThat(vector.index(0)).isEqualTo(1 << 18);
        assertThat(vector.value(0)).isEqualTo(1.0);
    }

    @Test
    void stringFeatureHashesNamespaceNameEqualsValueWithValueOne() {
        FeatureVector vector = hash(NO_CROSSES, Map.of("user", Map.of("country", "fr")));

        assertThat(vector.size()).isEqualTo(2);
        assertThat(vector.index(1)).isEqualTo(murmur("user^country=fr") & ((1 << 18) - 1));
        assertThat(vector.value(1)).isEqualTo(1.0);
    }

    @Test
    void numericFeatureHashesNamespaceNameAndKeepsItsNumber() {
        FeatureVector vector = hash(NO_CROSSES, Map.of("item", Map.of("price", 12.5)));

        assertThat(vector.index(1)).isEqualTo(murmur("item^price") & ((1 << 18) - 1));
        assertThat(vector.value(1)).isEqualTo(12.5);
    }

    @Test
    void sameFeaturesHashToTheSameCoordinatesInEveryHasher() {
        Map<String, Map<String, Object>> features =
                Map.of("user", Map.of("country", "fr", "age", 31), "item", Map.of("id", "sku-1"));

        FeatureVector first = hash(FeatureSpec.defaults(), features);
        FeatureVector second = hash(FeatureSpec.defaults(), features);

        assertThat(entries(second)).isEqualTo(entries(first)).hasSize(1 + 3 + 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"item", "context", "User", ""})
    void namespacesSeparateOtherwiseEqualFeatures(String otherNamespace) {
        int user = hash(NO_CROSSES, Map.of("user", Map.of("id", "42"))).index(1);
        int other = hash(NO_CROSSES, Map.of(otherNamespace, Map.of("id", "42"))).index(1);

        assertThat(other).isNotEqualTo(user);
    }

    @Test
    void aSeedChangesEveryCoordinateButTheBias() {
        Map<String, Map<String, Object>> features = Map.of("user", Map.of("id", "42"));

        FeatureVector seeded = hash(new FeatureSpec(18, 7, List.of()), features);

        assertThat(seeded.index(0)).isEqualTo(1 << 18);
        assertThat(seeded.index(1)).isNotEqualTo(hash(NO_CROSSES, features).index(1));
    }

    @Test
    void zeroAndNullFeaturesAreDropped() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("clicks", 0);
        user.put("segment", null);

        assertThat(hash(NO_CROSSES, Map.of("user", user)).size()).isEqualTo(1);
    }

    @Test
    void vwTokenKeyHashesLikeTheStringFeature() {
        FeatureHasher hasher = new FeatureHasher(NO_CROSSES);
        FeatureVector token = new FeatureVector();
        String line = "|u f0=abc";

        hasher.begin(token);
        hasher.addKey("u", line, 3, line.length(), 1.0);
        hasher.end();

        assertThat(entries(token)).isEqualTo(entries(hash(NO_CROSSES, Map.of("u", Map.of("f0", "abc")))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "café", "北京", "emoji \uD83D\uDE00", "lone \uD800 surrogate", "end \uDC00"})
    void keysAreEncodedAsUtf8LikeTheJdkDoes(String value) {
        FeatureVector vector = hash(NO_CROSSES, Map.of("context", Map.of("city", value)));

        assertThat(vector.index(1)).isEqualTo(murmur("context^city=" + value) & ((1 << 18) - 1));
    }

    @Test
    void crossesPairEveryUserFeatureWithEveryItemFeatureAndMultiplyValues() {
        FeatureSpec spec = new FeatureSpec(18, 0, List.of(new Cross("user", "item")));
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        features.put("user", ordered("country", "fr", "age", 2.0));
        features.put("item", ordered("id", "sku-1", "price", 3.0, "brand", "acme"));
        features.put("context", ordered("hour", 9.0));

        FeatureVector vector = hash(spec, features);

        // bias + 2 user + 3 item + 1 context, then 2 × 3 crosses in user-major order
        assertThat(vector.size()).isEqualTo(1 + 2 + 3 + 1 + 6);
        List<Double> crossValues = new ArrayList<>();
        for (int i = 7; i < vector.size(); i++) {
            crossValues.add(vector.value(i));
        }
        assertThat(crossValues).containsExactly(1.0, 3.0, 1.0, 2.0, 6.0, 2.0);
        assertThat(entries(vector).subList(0, 7)).isEqualTo(entries(hash(FeatureSpec.withoutCrosses(18), features)));
    }

    @Test
    void crossesDependOnBothFeaturesAndTheirOrder() {
        FeatureSpec both = new FeatureSpec(18, 0, List.of(new Cross("user", "item"), new Cross("item", "user")));
        FeatureVector vector = hash(both, Map.of("user", Map.of("a", "1"), "item", Map.of("a", "1")));

        int userItem = vector.index(3);
        int itemUser = vector.index(4);
        assertThat(userItem).isNotEqualTo(itemUser);
        assertThat(hash(both, Map.of("user", Map.of("a", "2"), "item", Map.of("a", "1")))
                        .index(3))
                .isNotEqualTo(userItem);
    }

    @Test
    void addAllLetsSharedAndPerCandidateFeaturesMeetInCrosses() {
        FeatureSpec spec = FeatureSpec.defaults();
        FeatureHasher hasher = new FeatureHasher(spec);
        FeatureVector split = new FeatureVector();

        hasher.begin(split);
        hasher.addAll(Map.of("user", Map.of("id", "u1")));
        hasher.addAll(Map.of("item", Map.of("id", "i1")));
        hasher.end();

        assertThat(entries(split))
                .isEqualTo(entries(hash(spec, ordered2("user", Map.of("id", "u1"), "item", Map.of("id", "i1")))));
    }

    @ParameterizedTest
    @CsvSource({"18, ''", "14, user*item", "22, user*item;user*context", "18, context*item"})
    void hashingLikeAnotherHasherGivesExactlyTheVectorHashingTheFeaturesWouldGive(int bits, String crosses) {
        // given a hasher of 20 bits with a cross that has hashed an example, and a hasher of another spec
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        features.put("user", new LinkedHashMap<>(Map.of("country", "fr", "age", 31.5)));
        features.put("item", new LinkedHashMap<>(Map.of("id", "i7", "price", 9.9, "brand", "b")));
        features.put("context", new LinkedHashMap<>(Map.of("hour", "h18")));
        FeatureHasher source = new FeatureHasher(new FeatureSpec(20, 0, List.of(new Cross("item", "user"))));
        source.hash(features, new FeatureVector());
        List<Cross> parsed = crosses.isEmpty()
                ? List.of()
                : Arrays.stream(crosses.split(";")).map(Cross::parse).toList();
        FeatureSpec spec = new FeatureSpec(bits, 0, parsed);

        // when the second hashes the same example from the first's hashes
        FeatureVector reused = new FeatureVector();
        new FeatureHasher(spec).hashLike(source, reused);

        // then the vector is entry for entry the one hashing the features again gives
        assertThat(reused.toString()).isEqualTo(hash(spec, features).toString());
    }

    @Test
    void hashingLikeAHasherOfAnotherSeedIsRefused() {
        FeatureHasher source = new FeatureHasher(new FeatureSpec(18, 7, List.of()));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FeatureHasher(NO_CROSSES).hashLike(source, new FeatureVector()))
                .withMessage("Only a hasher with the same seed can reuse another's hashes: this one has seed 0, the"
                        + " source 7.");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteNumbersAreRejectedWithTheFeatureName(double value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> hash(NO_CROSSES, Map.of("user", Map.of("age", value))))
                .withMessageContaining("user^age");
    }

    @Test
    void unsupportedValueTypesAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> hash(NO_CROSSES, Map.of("user", Map.of("tags", List.of("a")))))
                .withMessageContaining("strings, numbers or booleans");
    }

    @Test
    void fingerprintIsStableAndChangesWithEveryPartOfTheSpec() {
        String base = FeatureSpec.defaults().fingerprint();

        assertThat(FeatureSpec.defaults().fingerprint()).isEqualTo(base).hasSize(16);
        assertThat(List.of(
                        new FeatureSpec(21, 0, List.of(new Cross("user", "item"))),
                        new FeatureSpec(22, 1, List.of(new Cross("user", "item"))),
                        new FeatureSpec(22, 0, List.of(new Cross("context", "item"))),
                        FeatureSpec.withoutCrosses(22)))
                .extracting(FeatureSpec::fingerprint)
                .doesNotContain(base)
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, FeatureSpec.MAX_BITS + 1})
    void specsOutsideTheSupportedBitsAreRejected(int bits) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FeatureSpec.withoutCrosses(bits))
                .withMessageContaining("bits");
    }

    @ParameterizedTest
    @CsvSource({"user, user", "user, ' '", "a*b, item", "user, 'i,tem'", "user, item;"})
    void crossesOfOneNamespaceBlankOrAmbiguousNamesAreRejected(String left, String right) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Cross(left, right));
    }

    static FeatureVector hash(FeatureSpec spec, Map<String, ? extends Map<String, ?>> features) {
        FeatureVector vector = new FeatureVector(4);
        new FeatureHasher(spec).hash(features, vector);
        return vector;
    }

    static List<String> entries(FeatureVector vector) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < vector.size(); i++) {
            entries.add(vector.index(i) + ":" + vector.value(i));
        }
        return entries;
    }

    private static int murmur(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return MurmurHash3.hash32x86(bytes, 0, bytes.length, 0);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Map<String, Object>> ordered2(
            String first, Map<String, Object> firstFeatures, String second, Map<String, Object> secondFeatures) {
        Map<String, Map<String, Object>> map = new LinkedHashMap<>();
        map.put(first, firstFeatures);
        map.put(second, secondFeatures);
        return map;
    }
}
