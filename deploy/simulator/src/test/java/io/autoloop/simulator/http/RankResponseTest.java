package io.autoloop.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.simulator.http.RankResponse.RankedItem;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RankResponseTest {

    /** The request's candidates, in request order. */
    private static final List<String> CANDIDATES = List.of("a", "b", "c", "d");

    /** A ranking of {@code ids} with {@code scores} (null: no model), slot by slot. */
    private static RankResponse ranking(List<String> ids, Double... scores) {
        List<RankedItem> items = new ArrayList<>();
        for (int slot = 0; slot < ids.size(); slot++) {
            items.add(new RankedItem(ids.get(slot), scores.length == 0 ? null : scores[slot], slot + 1));
        }
        return new RankResponse("d-1", null, "champion", scores.length == 0 ? null : "0.2.0", items);
    }

    static Stream<Arguments> rankings() {
        return Stream.of(
                Arguments.of("greedy: scores descending", ranking(List.of("c", "a", "d"), 0.3, 0.2, 0.1), false),
                Arguments.of("greedy: a tie in request order", ranking(List.of("b", "c"), 0.2, 0.2), false),
                Arguments.of("explored: a lower score above a higher one", ranking(List.of("a", "c"), 0.2, 0.3), true),
                Arguments.of("explored: a tie out of request order", ranking(List.of("c", "b"), 0.2, 0.2), true),
                Arguments.of(
                        "not seen: only the last slot explored, in order",
                        ranking(List.of("c", "a"), 0.3, 0.01),
                        false),
                Arguments.of("no model: the first candidates in order", ranking(List.of("a", "b", "c")), false),
                Arguments.of("no model: a later candidate shown", ranking(List.of("a", "b", "d")), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rankings")
    void exploredWhenTheRankingDepartsFromTheRoutersGreedyOrder(
            String description, RankResponse response, boolean explored) {
        assertThat(response.explored(CANDIDATES)).isEqualTo(explored);
    }
}
