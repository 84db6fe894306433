package io.autoloop.router.testing;

import io.autoloop.contracts.ErrorReport;
import io.autoloop.learner.ModelSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Plays the error-analyzer for one model version: ranks through the router's API, keeps the top item of each ranking
 * the version served, and turns them into the {@link ErrorReport} the analyzer would publish on
 * {@code analysis.reports}: the served probability as the prediction, and the expected clicks of a world whose true
 * click model is {@code truth}'s probability of the item.
 */
public final class AnalyzerStandIn {

    private final ModelSnapshot truth;

    public AnalyzerStandIn(ModelSnapshot truth) {
        this.truth = truth;
    }

    /** The report of {@code samples} rankings served by {@code version}, ranking as many times as it takes. */
    public ErrorReport report(String version, int samples) {
        double predicted = 0.0;
        double clicks = 0.0;
        double logLoss = 0.0;
        double brier = 0.0;
        int served = 0;
        for (int attempt = 0; served < samples; attempt++) {
            if (attempt > samples * 20) {
                throw new IllegalStateException("The router served " + served + " of " + samples + " rankings with "
                        + version + " in " + attempt + " attempts.");
            }
            Map<String, Object> ranking = Api.rank(Api.rankRequest("analyzer-" + attempt, 5, 1))
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("$");
            if (!version.equals(ranking.get("modelVersion"))) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> top = ((List<Map<String, Object>>) ranking.get("items")).get(0);
            double p = ((Number) top.get("score")).doubleValue();
            double truthP = truth.predict(Map.of("item", Map.of("id", top.get("itemId"))));
            predicted += p;
            clicks += truthP;
            logLoss -= truthP * Math.log(p) + (1.0 - truthP) * Math.log(1.0 - p);
            brier += (p - truthP) * (p - truthP);
            served++;
        }
        long positives = Math.round(clicks);
        Instant end = Instant.now();
        return new ErrorReport(
                ErrorReport.SCHEMA_VERSION,
                version,
                end.minus(Duration.ofSeconds(5)),
                end,
                samples,
                positives,
                (double) positives / samples,
                predicted / samples,
                logLoss / samples,
                brier / samples,
                0.5,
                List.of());
    }
}
