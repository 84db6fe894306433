package io.autoloop.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RankResponseTest {

    @Test
    void theRoutersAnswerIsReadWithItsExplorationFlagAndItsItemsInSlotOrder() throws Exception {
        String answer = """
                {"decisionId": "d-1", "experimentId": null, "arm": "champion", "modelVersion": "1.2.0",
                 "items": [{"itemId": "b", "score": 0.2, "position": 2}, {"itemId": "a", "score": 0.3, "position": 1}],
                 "explored": true}
                """;

        RankResponse response = new ObjectMapper().readValue(answer, RankResponse.class);

        assertThat(response.explored()).isTrue();
        assertThat(response.shownItemIds()).containsExactly("a", "b");
    }
}
