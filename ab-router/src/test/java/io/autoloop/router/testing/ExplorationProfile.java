package io.autoloop.router.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A router of its own that explores half of its slots (ε = 0.5). */
public class ExplorationProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("router.ranking.epsilon", "0.5");
    }
}
