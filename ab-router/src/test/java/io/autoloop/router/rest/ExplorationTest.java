package io.autoloop.router.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.contracts.Decision;
import io.autoloop.contracts.ServedItem;
import io.autoloop.contracts.Topics;
import io.autoloop.router.testing.Api;
import io.autoloop.router.testing.ExplorationProfile;
import io.autoloop.router.testing.TestModels;
import io.autoloop.testing.Offsets;
import io.autoloop.testing.TopicReader;
import io.autoloop.testing.TopicRecord;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ε-greedy exploration over slots: the logged propensity of each shown item is its exact probability there. */
@QuarkusTest
@TestProfile(ExplorationProfile.class)
class ExplorationTest {

    private static final double EPSILON = 0.5;
    private static final int CANDIDATES = 10;

    @Test
    void exploredSlotsAreLoggedWithTheirPropensity() {
        TopicReader<Decision> logged = TopicReader.of(Topics.SERVING_DECISIONS);
        Offsets start = logged.endOffsets();
        Set<String> decisionIds = new HashSet<>();
        Map<String, Boolean> explored = new HashMap<>();
        Set<String> firstItems = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            var response = Api.rank(Api.rankRequest("explorer-" + i, CANDIDATES, 3))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            decisionIds.add(response.getString("decisionId"));
            explored.put(response.getString("decisionId"), response.getBoolean("explored"));
            firstItems.add(response.getString("items[0].itemId"));
        }

        List<Decision> decisions =
                logged.read(start, r -> decisionIds.contains(r.key()), 40, Duration.ofSeconds(60)).stream()
                        .map(TopicRecord::value)
                        .toList();

        assertThat(firstItems).hasSizeGreaterThan(1);
        assertThat(decisions).hasSize(40);
        for (Decision decision : decisions) {
            List<String> remaining = new ArrayList<>(given());
            boolean departed = false;
            for (ServedItem item : decision.items()) {
                int left = remaining.size();
                boolean greedy = remaining.get(0).equals(item.itemId());
                double expected = greedy ? (1 - EPSILON) + EPSILON / left : EPSILON / left;
                assertThat(item.propensity()).isCloseTo(expected, within(1e-12));
                departed |= !greedy;
                remaining.remove(item.itemId());
            }
            // The answer says whether the ranking departs from the greedy order, as the logged items show.
            assertThat(explored.get(decision.decisionId())).isEqualTo(departed);
        }
    }

    /** The given order, which is the greedy order without a model (every score ties). */
    private static List<String> given() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < CANDIDATES - 1; i++) {
            items.add("other-" + i);
        }
        items.add(TestModels.FAVOURITE);
        return items;
    }
}
