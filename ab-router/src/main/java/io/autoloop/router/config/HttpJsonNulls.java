package io.autoloop.router.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.autoloop.contracts.Problem;
import io.autoloop.router.domain.dashboard.AnalysisPoint;
import io.autoloop.router.domain.dashboard.LineageView;
import io.autoloop.router.domain.dashboard.ModelCard;
import io.autoloop.router.domain.guardrail.GuardrailReading;
import io.autoloop.router.domain.refresh.RefreshEntry;
import io.autoloop.router.domain.rollout.Transition;
import io.autoloop.router.rest.ExperimentOverview;
import io.autoloop.router.rest.ExperimentView;
import io.autoloop.router.service.model.ModelsView;
import io.autoloop.router.service.ranking.RankRequest;
import io.quarkus.jackson.JacksonMixin;

/**
 * Keeps the null fields of the router's HTTP answers, which the platform's contract dialect leaves out: the
 * dashboard's JavaScript and the API's clients read a null as "none yet" (no evidence for a lift, no data for a
 * guardrail, no champion, an empty calibration bucket), so every type the API answers with that has a field which
 * may be null writes it, as it always did. The types that say so themselves ({@code RankResponse},
 * {@link ExperimentView}) are not listed. A mix-in of the HTTP ObjectMapper only: the state the router stores in
 * Redis keeps leaving nulls out.
 */
@JacksonMixin({
    AnalysisPoint.class,
    ExperimentOverview.class,
    ExperimentView.Lift.class,
    GuardrailReading.class,
    LineageView.class,
    ModelCard.class,
    ModelCard.Bucket.class,
    ModelCard.Metrics.class,
    ModelCard.Report.class,
    ModelsView.class,
    Problem.class,
    RankRequest.class,
    RankRequest.Candidate.class,
    RefreshEntry.class,
    Transition.class
})
@JsonInclude(JsonInclude.Include.ALWAYS)
public abstract class HttpJsonNulls {

    private HttpJsonNulls() {}
}
