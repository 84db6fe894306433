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
    void aNonObjectIsATypeMismatch() {
        Assertions.assertThatThrownBy(() -> json.readValue("{\"user\": [1]}", RankRequest.class))
                .isInstanceOf(MismatchedInputException.class);
    }
}
