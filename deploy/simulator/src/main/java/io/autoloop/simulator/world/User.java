package io.autoloop.simulator.world;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A simulated user: observable features the app sends with a ranking request, and a hidden click propensity
 * ({@code hiddenOffset}) that only the user's id can reveal to a model.
 *
 * @param userId the app's user id
 * @param segment index into {@link TrueClickModel#SEGMENTS}
 * @param ageBand index into {@link TrueClickModel#AGE_BANDS}
 * @param activity how active the user is, in [0, 1], rounded to two decimals
 * @param device the device the user browses on (request context); it has no effect on clicks
 * @param consent whether the user allowed training on their feedback
 * @param hiddenOffset the user's own term of the true logit, never sent
 */
public record User(
        String userId, int segment, int ageBand, double activity, String device, boolean consent, double hiddenOffset) {

    /** The {@code user} namespace of the features: {@code segment}, {@code age_band} (strings), {@code activity}. */
    public Map<String, Object> features() {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("segment", TrueClickModel.SEGMENTS.get(segment));
        features.put("age_band", TrueClickModel.AGE_BANDS.get(ageBand));
        features.put("activity", activity);
        return features;
    }

    /** The request context: {@code device}. */
    public Map<String, Object> context() {
        return Map.of("device", device);
    }
}
