package io.autoloop.simulator.replay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of an Open Bandit {@code item_context.csv}: a numeric feature and three hashed categoricals.
 */
public record ObdItem(int itemId, double feature0, String feature1, String feature2, String feature3) {

    /** The {@code item} namespace: {@code item_feature_0} (number), {@code item_feature_1..3} (strings). */
    public Map<String, Object> features() {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("item_feature_0", feature0);
        features.put("item_feature_1", feature1);
        features.put("item_feature_2", feature2);
        features.put("item_feature_3", feature3);
        return features;
    }
}
