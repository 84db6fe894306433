package io.autoloop.simulator.replay;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One logged impression of the Open Bandit Dataset: a user (known only by four hashed features) was shown an item in
 * one of three slots by a behaviour policy, and clicked or not.
 *
 * @param policy the behaviour policy, {@code random} or {@code bts}
 * @param campaign {@code men} or {@code women}
 * @param row the row's index in its CSV file (the file's first, unnamed column)
 * @param position the logged slot: 1 left, 2 centre, 3 right
 * @param propensity the behaviour policy's probability of this item in this slot
 * @param userFeatures {@code user_feature_0..3}
 */
public record ObdImpression(
        String policy,
        String campaign,
        long row,
        Instant loggedAt,
        ObdItem item,
        int position,
        boolean click,
        double propensity,
        List<String> userFeatures) {

    public ObdImpression {
        userFeatures = List.copyOf(userFeatures);
    }

    /** The {@code user} namespace: {@code user_feature_0..3} as strings. */
    public Map<String, Object> userFeatureMap() {
        Map<String, Object> features = new LinkedHashMap<>();
        for (int j = 0; j < userFeatures.size(); j++) {
            features.put("user_feature_" + j, userFeatures.get(j));
        }
        return features;
    }
}
