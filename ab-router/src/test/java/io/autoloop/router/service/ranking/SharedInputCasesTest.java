package io.autoloop.router.service.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoloop.testing.InputCases;
import io.autoloop.testing.InputCases.InputCase;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The router's verdict on each of the cases the feedback-collector is held to as well ({@code InputCases} of
 * test-support): an item id the router ranks is an id the collector takes feedback on, and a value one refuses the other
 * refuses.
 */
class SharedInputCasesTest {

    private final ObjectMapper json = new ObjectMapper();

    static List<InputCase> ids() {
        return InputCases.ids();
    }

    static List<InputCase> names() {
        return InputCases.names();
    }

    static List<InputCase> values() {
        return InputCases.values();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void theUserIdAndItemIdsFollowTheSharedRule(InputCase id) {
        // given a request whose user id, and one whose item id, is the case
        String asUser = "{\"userId\": " + id.json() + ", \"candidates\": [{\"itemId\": \"a\"}]}";
        String asItem = "{\"userId\": \"u\", \"candidates\": [{\"itemId\": " + id.json() + "}]}";

        // when each is read and validated, then it is accepted exactly when the shared verdict accepts the id
        assertThat(accepted(asUser)).as("as userId").isEqualTo(id.accepted());
        assertThat(accepted(asItem)).as("as itemId").isEqualTo(id.accepted());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void aFeatureNameFollowsTheSharedRule(InputCase name) {
        String request =
                "{\"userId\": \"u\", \"candidates\": [{\"itemId\": \"a\", \"features\": {" + name.json() + ": 1}}]}";

        assertThat(accepted(request)).isEqualTo(name.accepted());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void aFeatureValueFollowsTheSharedRule(InputCase value) {
        String request =
                "{\"userId\": \"u\", \"user\": {\"f\": " + value.json() + "}, \"candidates\": [{\"itemId\": \"a\"}]}";

        assertThat(accepted(request)).isEqualTo(value.accepted());
    }

    /** Whether the request is accepted: read (not refused as JSON the API cannot take) and valid. */
    private boolean accepted(String request) {
        try {
            RankRequestValidationTest.DEFAULTS.check(json.readValue(request, RankRequest.class));
            return true;
        } catch (JsonProcessingException | InvalidRequestException refused) {
            return false;
        }
    }
}
