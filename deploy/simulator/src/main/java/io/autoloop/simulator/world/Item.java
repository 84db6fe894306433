package io.autoloop.simulator.world;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A simulated item (a title of a video catalogue) with observable features only.
 *
 * @param itemId the app's item id
 * @param category index into {@link TrueClickModel#CATEGORIES}
 * @param priceBand index into {@link TrueClickModel#PRICE_BANDS}
 * @param quality the item's appeal to everyone, in [-1, 1], rounded to two decimals
 */
public record Item(String itemId, int category, int priceBand, double quality) {

    /** The {@code item} namespace of the features: {@code category}, {@code price_band} (strings), {@code quality}. */
    public Map<String, Object> features() {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("category", TrueClickModel.CATEGORIES.get(category));
        features.put("price_band", TrueClickModel.PRICE_BANDS.get(priceBand));
        features.put("quality", quality);
        return features;
    }
}
