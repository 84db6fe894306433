package io.autoloop.router.domain.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentEntriesTest {

    @Test
    void forgetsTheKeyAddedLongestAgoOnceFull() {
        Map<String, Integer> recent = RecentEntries.of(3);

        for (int i = 1; i <= 5; i++) {
            recent.put("1." + i + ".0", i);
        }

        assertThat(recent).containsOnlyKeys("1.3.0", "1.4.0", "1.5.0");
    }

    @Test
    void writingAHeldKeyKeepsItsPlaceAndAForgottenOneComesBackAsNew() {
        Map<String, Integer> recent = RecentEntries.of(2);
        recent.put("a", 1);
        recent.put("b", 2);

        recent.merge("a", 10, Integer::sum);
        recent.put("c", 3);
        recent.put("a", 4);

        assertThat(recent).containsOnlyKeys("c", "a");
        assertThat(recent.get("a")).isEqualTo(4);
    }

    @Test
    void refusesACapacityBelowOne() {
        assertThatThrownBy(() -> RecentEntries.of(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity of 0");
    }
}
