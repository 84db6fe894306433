package io.autoloop.router.service.ranking;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.autoloop.contracts.Arm;
import java.util.List;

/**
 * The ranking served: the decision id to report feedback with, the experiment and arm the user is in (experiment
 * null when none runs), the model version that scored (null when no model exists yet and the candidates kept their
 * given order), the items slot by slot, and whether exploration showed in some slot another item than the best
 * remaining one (so the ranking is not the model's own order).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RankResponse(
        String decisionId,
        String experimentId,
        Arm arm,
        String modelVersion,
        List<RankedItem> items,
        boolean explored) {

    /**
     * One slot: the item, its click probability at the reference position (null without a model) and its 1-based
     * position.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RankedItem(String itemId, Double score, int position) {}
}
