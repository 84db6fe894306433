package io.autoloop.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturesTest {

    @Test
    void theCopyIsDeepAndUnmodifiable() {
        Map<String, Object> user = new HashMap<>(Map.of("segment", "a"));
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        features.put("user", user);
        features.put("item", null);

        Map<String, Map<String, Object>> copy = Features.copyOf(features);
        user.put("segment", "b");
        features.put("context", Map.of());

        assertThat(copy).isEqualTo(Map.of("user", Map.of("segment", "a"), "item", Map.of()));
        assertThatThrownBy(() -> copy.put("context", Map.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.get("user").put("segment", "c"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullAndEmptyBecomeEmpty() {
        assertThat(Features.copyOf(null)).isEmpty();
        assertThat(Features.copyOf(new HashMap<>())).isEmpty();
    }

    @Test
    void anUnmodifiableNamespaceIsNotCopiedAgain() {
        Map<String, Object> item = Map.of("price", 12.5);
        assertThat(Features.copyOf(Map.of("item", item)).get("item")).isSameAs(item);
    }
}
