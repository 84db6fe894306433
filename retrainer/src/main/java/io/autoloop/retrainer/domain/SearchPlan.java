package io.autoloop.retrainer.domain;

import io.autoloop.learner.search.SearchSettings;
import io.autoloop.learner.search.SearchSpace;
import java.util.Objects;

/**
 * How the retrainer searches shadow configurations beside the champion's lineage ({@code retrainer.search.*}):
 * whether it does, the space it searches and the settings of its {@link io.autoloop.learner.search.OnlineSearch}.
 *
 * @param enabled whether shadows train at all
 * @param space the searched ranges of α, β, λ1, λ2, the hash bits and the namespaces whose pairs may be crossed
 * @param settings K, the shadow budget, window, minimum examples, margin, lease and seed
 */
public record SearchPlan(boolean enabled, SearchSpace space, SearchSettings settings) {

    public SearchPlan {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * The settings of the search started {@code restarts} times before: the same, with the seed moved on by that many,
     * so a search started again around another lineage does not draw the same proposals.
     */
    public SearchSettings settings(long restarts) {
        return new SearchSettings(
                settings.challengers(),
                settings.window(),
                settings.minExamples(),
                settings.lease(),
                settings.standardErrors(),
                settings.margin(),
                settings.step(),
                settings.shadowBudget(),
                settings.seed() + restarts);
    }

    /** The space and settings as text: a saved search is resumed only under the plan it was saved with. */
    public String fingerprint() {
        return space + ";" + settings;
    }
}
