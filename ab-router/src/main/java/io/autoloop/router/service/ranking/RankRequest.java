package io.autoloop.router.service.ranking;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Map;

/**
 * A ranking request: the app's user id (pseudonymized before use), optional user and context features, the
 * candidates with their item features, and how many slots to fill. Feature values are strings, numbers or booleans;
 * feature objects are read into compact {@link FeatureMap}s.
 */
public record RankRequest(
        String userId,

        @JsonDeserialize(using = FeatureMapDeserializer.class)
        Map<String, Object> user,

        @JsonDeserialize(using = FeatureMapDeserializer.class)
        Map<String, Object> context,

        List<Candidate> candidates,
        Integer limit) {

    /** One candidate item and its features (the {@code item} namespace). */
    public record Candidate(
            String itemId,

            @JsonDeserialize(using = FeatureMapDeserializer.class)
            Map<String, Object> features) {}
}
