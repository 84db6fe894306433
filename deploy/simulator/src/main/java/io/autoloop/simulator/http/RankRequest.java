package io.autoloop.simulator.http;

import java.util.List;
import java.util.Map;

/**
 * The body of the ab-router's {@code POST /v1/rank}: the user and the user's features (the {@code user} namespace),
 * the request context (the {@code context} namespace), the candidates with their item features (the {@code item}
 * namespace), and how many slots to fill. Feature values are strings, finite numbers or booleans. The router adds
 * {@code user^id}, {@code item^id} and, for training, the slot as {@code context^position}.
 */
public record RankRequest(
        String userId, Map<String, Object> user, Map<String, Object> context, List<Candidate> candidates, int limit) {

    /** One item to rank with its {@code item} features. */
    public record Candidate(String itemId, Map<String, Object> features) {}
}
