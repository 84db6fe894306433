package io.autoloop.testing.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ApiDocumentTest {

    private static final String DOCUMENT = """
            {"openapi": "3.1.0", "paths": {
              "/v1/models/{version}": {"get": {"responses": {"200": {}, "401": {}, "404": {}}}},
              "/v1/models": {"get": {"responses": {"default": {}}}}
            }}""";
    private static final Endpoint MODEL = Endpoint.of("model", "GET", "/v1/models/{version}", "key", "other", 1024);

    @Test
    void readsTheStatusesAnOperationDocuments() throws Exception {
        assertThat(ApiDocument.parse(DOCUMENT).statuses("GET", "/v1/models/{version}"))
                .containsExactly(200, 401, 404);
    }

    @Test
    void aReportWhoseStatusesAreAllDocumentedPassesAndAnotherMethodsAnswersDoNotCount() throws Exception {
        FuzzReport report = reportOf(200, 404, 401);
        report.answered(
                new HostileRequest(3, Attack.WRONG_METHOD, "DELETE", "/v1/models/1.1.0", List.of(), new byte[0]), 405);

        assertThatCode(() -> ApiDocument.parse(DOCUMENT).assertDocumentsEveryAnswer(MODEL, report))
                .doesNotThrowAnyException();
    }

    @Test
    void anUndocumentedStatusFailsNamingItAndTheAttack() throws Exception {
        FuzzReport report = reportOf(200, 406);

        assertThatThrownBy(() -> ApiDocument.parse(DOCUMENT).assertDocumentsEveryAnswer(MODEL, report))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("406=[" + Attack.values()[0].name() + "]")
                .hasMessageContaining("[200, 401, 404]");
    }

    @Test
    void aMissingOperationOrADefaultAnswerIsRefused() throws Exception {
        ApiDocument document = ApiDocument.parse(DOCUMENT);

        assertThatThrownBy(() -> document.statuses("POST", "/v1/models/{version}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no operation POST /v1/models/{version}");
        assertThatThrownBy(() -> document.statuses("GET", "/v1/models"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("default response");
    }

    private static FuzzReport reportOf(int... statuses) {
        FuzzReport report = new FuzzReport("model", new FuzzSettings(statuses.length, 1L, OptionalLong.empty()));
        for (int i = 0; i < statuses.length; i++) {
            report.answered(
                    new HostileRequest(i, Attack.values()[0], "GET", "/v1/models/1.1.0", List.of(), new byte[0]),
                    statuses[i]);
        }
        return report;
    }
}
