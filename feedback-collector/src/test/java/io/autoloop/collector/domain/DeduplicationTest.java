package io.autoloop.collector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeduplicationTest {

    @Test
    void knownIdsAndRepeatsWithinTheRequestAreDuplicates() {
        List<String> ids = List.of("a", "b", "a", "c", "b", "d");
        Set<String> known = Set.of("c");

        boolean[] duplicates = Deduplication.duplicates(ids, known);

        assertThat(duplicates).containsExactly(false, false, true, true, true, false);
    }

    @Test
    void withNothingKnownOnlyRepeatsAreDuplicates() {
        assertThat(Deduplication.duplicates(List.of("x", "y"), Set.of())).containsExactly(false, false);
    }
}
