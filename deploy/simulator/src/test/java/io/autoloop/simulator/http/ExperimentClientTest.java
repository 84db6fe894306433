package io.autoloop.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ExperimentClientTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void showsTheExperimentThatIsNotOverWithItsWeight() throws Exception {
        String json = """
                [{"id": "ctr-1", "phase": "ROLLED_BACK", "challengerBuckets": 500, "updatedAt": "2025-01-01T00:00:00Z"},
                 {"id": "ctr-2", "phase": "PROGRESSING", "challengerBuckets": 2500,
                  "champion": "0.1.0", "challenger": "0.2.0"}]
                """;

        assertThat(ExperimentClient.choose(mapper.readTree(json), "ctr"))
                .contains(new ExperimentStatus("ctr-2", "PROGRESSING", 25.0, "0.1.0", "0.2.0"));
    }

    @Test
    void acceptsAWrappedListAndAnExplicitWeight() throws Exception {
        String json = """
                {"experiments": [{"id": "ctr-3", "phase": "succeeded", "challengerWeight": 100.0,
                                  "updatedAt": "2025-01-02T00:00:00Z"},
                                 {"id": "ctr-2", "phase": "ROLLED_BACK", "updatedAt": "2025-01-01T00:00:00Z"}]}
                """;

        assertThat(ExperimentClient.choose(mapper.readTree(json), "ctr"))
                .as("all over: the most recently updated")
                .contains(new ExperimentStatus("ctr-3", "succeeded", 100.0, null, null));
    }

    @Test
    void experimentsOfOtherModelsAreNotShown() throws Exception {
        String json = """
                [{"id": "ctr-test-9-1", "model": "ctr-test-9", "phase": "PROGRESSING", "challengerWeight": 25.0},
                 {"id": "ctr-4", "model": "ctr", "phase": "SUCCEEDED", "challengerWeight": 100.0,
                  "updatedAt": "2025-01-03T00:00:00Z"}]
                """;

        assertThat(ExperimentClient.choose(mapper.readTree(json), "ctr"))
                .contains(new ExperimentStatus("ctr-4", "SUCCEEDED", 100.0, null, null));
        assertThat(ExperimentClient.choose(mapper.readTree(json), "other")).isEmpty();
    }

    @Test
    void noExperimentsMeansNothingToShow() throws Exception {
        assertThat(ExperimentClient.choose(mapper.readTree("[]"), "ctr")).isEmpty();
        assertThat(ExperimentClient.choose(mapper.readTree("{\"status\": \"none\"}"), "ctr"))
                .isEmpty();
    }
}
