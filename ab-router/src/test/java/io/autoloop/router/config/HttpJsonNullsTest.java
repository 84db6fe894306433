package io.autoloop.router.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.CalibrationBucket;
import io.autoloop.contracts.ErrorReport;
import io.autoloop.contracts.ModelMetrics;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.Problem;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.router.domain.dashboard.AnalysisPoint;
import io.autoloop.router.domain.dashboard.LineageView;
import io.autoloop.router.domain.dashboard.ModelCard;
import io.autoloop.router.domain.guardrail.Guardrail;
import io.autoloop.router.domain.guardrail.GuardrailReading;
import io.autoloop.router.domain.refresh.RefreshEntry;
import io.autoloop.router.domain.rollout.Action;
import io.autoloop.router.domain.rollout.Phase;
import io.autoloop.router.domain.rollout.Transition;
import io.autoloop.router.domain.rollout.Verdict;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.rest.ExperimentOverview;
import io.autoloop.router.rest.ExperimentView;
import io.autoloop.router.service.model.ModelsView;
import io.autoloop.router.service.ranking.RankRequest;
import io.autoloop.router.service.ranking.RankResponse;
import io.autoloop.router.testing.TestModels;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The router's HTTP ObjectMapper writes the null fields its answers always had, which the dashboard and the API's
 * clients read, although the contract dialect it shares with the other services leaves nulls out.
 */
@QuarkusTest
class HttpJsonNullsTest {

    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");

    @Inject
    ObjectMapper mapper;

    static Stream<Arguments> answers() {
        ModelVersion untrained = new ModelVersion(
                ModelVersion.SCHEMA_VERSION,
                "ctr",
                "0.1.0",
                null,
                T0,
                0,
                new ModelMetrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                "ab12",
                RedisKeys.model("ctr", "0.1.0"),
                TestModels.LINEAGE);
        ErrorReport oneClass = new ErrorReport(
                ErrorReport.SCHEMA_VERSION,
                "0.1.0",
                T0,
                T0.plusSeconds(60),
                10,
                0,
                0.0,
                0.5,
                0.69,
                0.25,
                Double.NaN,
                List.of(new CalibrationBucket(0.0, 0.1, 0, 0, 0.0)));
        return Stream.of(
                Arguments.of(
                        "a ranking before any model",
                        new RankResponse(
                                "d-1",
                                null,
                                Arm.CHAMPION,
                                null,
                                List.of(new RankResponse.RankedItem("a", null, 1)),
                                false),
                        List.of("/experimentId", "/modelVersion", "/items/0/score")),
                Arguments.of(
                        "an overview row without a transition",
                        new ExperimentOverview(null, null, List.of()),
                        List.of("/experiment", "/lastTransition")),
                Arguments.of(
                        "a lift before an always-valid p-value",
                        new ExperimentView.Lift(0.1, -0.05, 0.3, 0.95, 0.2, null),
                        List.of("/alwaysValidPValue")),
                Arguments.of(
                        "the creation of an experiment in its history",
                        new Transition(T0, Action.CREATE, null, Phase.WAITING, 0.0, 0.0, "controller", null, Map.of()),
                        List.of("/from", "/reason")),
                Arguments.of(
                        "a guardrail without enough data",
                        new GuardrailReading(Guardrail.ERROR_RATE, GuardrailReading.Status.NO_DATA, null, 0.01, 0),
                        List.of("/value")),
                Arguments.of(
                        "an analysis before the test has evidence",
                        new AnalysisPoint(
                                T0,
                                Phase.PROGRESSING,
                                5.0,
                                AnalysisPoint.ArmPoint.of(ArmCounts.ZERO),
                                AnalysisPoint.ArmPoint.of(ArmCounts.ZERO),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                Verdict.HOLD,
                                null),
                        List.of(
                                "/lift",
                                "/liftLower",
                                "/liftUpper",
                                "/pValue",
                                "/alwaysValidPValue",
                                "/srmPValue",
                                "/futilityUpper")),
                Arguments.of(
                        "the models page before a champion, with undefined metrics and an empty bucket",
                        new ModelsView(
                                "ctr",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                0.0,
                                List.of(ModelCard.of(untrained, null, null, oneClass)),
                                List.of(new LineageView(
                                        "0123456789abcdef",
                                        "unregistered",
                                        null,
                                        null,
                                        null,
                                        null,
                                        List.of(),
                                        null,
                                        null,
                                        List.of(new RefreshEntry(
                                                T0,
                                                RefreshEntry.Kind.REFRESH,
                                                Arm.CHAMPION,
                                                "0123456789abcdef",
                                                null,
                                                "0.1.0",
                                                "A first refresh.",
                                                Map.of())),
                                        List.of()))),
                        List.of(
                                "/champion",
                                "/championLineage",
                                "/challenger",
                                "/challengerLineage",
                                "/experimentId",
                                "/phase",
                                "/versions/0/parent",
                                "/versions/0/metrics/logLoss",
                                "/versions/0/metrics/auc",
                                "/versions/0/metrics/calibration",
                                "/versions/0/metrics/holdoutLogLoss",
                                "/versions/0/serves",
                                "/versions/0/rejection",
                                "/versions/0/report/auc",
                                "/versions/0/report/calibration/0/meanPredicted",
                                "/versions/0/report/calibration/0/observedRate",
                                "/lineages/0/config",
                                "/lineages/0/ordinal",
                                "/lineages/0/createdAt",
                                "/lineages/0/origin",
                                "/lineages/0/current",
                                "/lineages/0/retired",
                                "/lineages/0/refreshes/0/from")),
                Arguments.of(
                        "a problem",
                        Problem.of(401, "Unauthorized", "The API key is not valid.", List.of()),
                        List.of("/instance")),
                Arguments.of(
                        "the benchmark's echo of a request without features",
                        new RankRequest("u-1", null, null, List.of(new RankRequest.Candidate("a", null)), null),
                        List.of("/user", "/context", "/candidates/0/features", "/limit")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void theApiWritesTheNullsItsClientsRead(String answer, Object value, List<String> nullFields) throws Exception {
        JsonNode written = mapper.readTree(mapper.writeValueAsString(value));

        assertThat(nullsIn(written, "")).containsExactlyElementsOf(nullFields);
    }

    /** The JSON pointers of the null values in {@code node}, in document order. */
    private static List<String> nullsIn(JsonNode node, String pointer) {
        List<String> nulls = new ArrayList<>();
        if (node.isNull()) {
            nulls.add(pointer);
        } else if (node.isObject()) {
            node.fields()
                    .forEachRemaining(field -> nulls.addAll(nullsIn(field.getValue(), pointer + "/" + field.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                nulls.addAll(nullsIn(node.get(i), pointer + "/" + i));
            }
        }
        return nulls;
    }
}
