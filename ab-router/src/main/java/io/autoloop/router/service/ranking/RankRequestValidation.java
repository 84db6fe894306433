package io.autoloop.router.service.ranking;

import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.input.InputRules;
import io.autoloop.learner.FeatureHasher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of a {@link RankRequest}: consumes a request and throws an {@link InvalidRequestException} naming every
 * offending field (up to {@value #MAX_ERRORS}) when it breaks one. The rules:
 *
 * <ul>
 *   <li>a user id, and 1 to {@code maxCandidates} candidates with distinct item ids, every id as
 *       {@link InputRules#idProblem} defines it: the feedback-collector's rule, so feedback on any ranked item is
 *       accepted;
 *   <li>in {@code user}, {@code context} and each candidate's {@code features}, at most {@link InputRules#maxFeatures()}
 *       names, each a name as {@link InputRules#nameProblem} defines it, each value a string, a number or a boolean as
 *       {@link InputRules#valueProblem} allows it (nulls are ignored);
 *   <li>a {@code limit} of 1 to {@code maxLimit} (one above the number of candidates is capped by it);
 *   <li>and, once all of that holds, a decision to log that fits {@code serving.decisions}: at most
 *       {@code maxDecisionBytes} by {@link DecisionSize}, else a 413 naming {@code limit}.
 * </ul>
 *
 * <p>A feature value that passes is one the learner's hashing takes ({@link FeatureHasher#isValue}), so the
 * {@code FeatureEncoder} never refuses a feature of a checked request: what it would refuse is answered here, with a
 * 400 that names the field, before scoring.
 */
final class RankRequestValidation {

    static final int MAX_ERRORS = 20;

    private final InputRules input;
    private final int maxCandidates;
    private final int maxLimit;
    private final int defaultLimit;
    private final long maxDecisionBytes;

    RankRequestValidation(InputRules input, int maxCandidates, int maxLimit, int defaultLimit, long maxDecisionBytes) {
        if (maxCandidates < 1 || maxLimit < 1 || defaultLimit < 1 || defaultLimit > maxLimit) {
            throw new IllegalArgumentException("A ranking needs at least one candidate and one slot, and its default"
                    + " limit within the largest, but router.ranking.max-candidates is " + maxCandidates
                    + ", max-limit " + maxLimit + " and default-limit " + defaultLimit + ".");
        }
        this.input = input;
        this.maxCandidates = maxCandidates;
        this.maxLimit = maxLimit;
        this.defaultLimit = defaultLimit;
        this.maxDecisionBytes = maxDecisionBytes;
    }

    /** Checks {@code request}; throws {@link InvalidRequestException} when it breaks a rule. */
    void check(RankRequest request) {
        if (request == null) {
            throw new InvalidRequestException(
                    List.of(new FieldError("body", "A ranking request needs a JSON body; none was sent.")));
        }
        List<FieldError> errors = new ArrayList<>();
        id(request.userId(), "userId", errors);
        features(request.user(), "user", errors);
        features(request.context(), "context", errors);
        Integer limit = request.limit();
        if (limit != null && limit < 1) {
            errors.add(new FieldError("limit", "The limit must be at least 1, but it is " + limit + "."));
        } else if (limit != null && limit > maxLimit) {
            errors.add(new FieldError(
                    "limit", "The limit may be at most " + maxLimit + " slots, but it is " + limit + "."));
        }
        List<RankRequest.Candidate> candidates = request.candidates();
        if (candidates == null || candidates.isEmpty()) {
            errors.add(new FieldError("candidates", "A ranking request needs at least one candidate."));
        } else if (candidates.size() > maxCandidates) {
            errors.add(new FieldError(
                    "candidates",
                    "A ranking request takes at most " + maxCandidates + " candidates, but it has " + candidates.size()
                            + "."));
        } else {
            Set<String> seen = new HashSet<>(candidates.size() * 2);
            for (int i = 0; i < candidates.size() && errors.size() < MAX_ERRORS; i++) {
                RankRequest.Candidate candidate = candidates.get(i);
                String field = "candidates[" + i + "]";
                if (candidate == null) {
                    errors.add(new FieldError(field, "A candidate must be an object, but it is null."));
                    continue;
                }
                if (id(candidate.itemId(), field + ".itemId", errors) && !seen.add(candidate.itemId())) {
                    errors.add(new FieldError(
                            field + ".itemId",
                            "The item id '" + candidate.itemId() + "' appears more than once; candidates must be"
                                    + " distinct."));
                }
                features(candidate.features(), field + ".features", errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
        }
        int slots = Math.min(limit == null ? defaultLimit : limit, candidates.size());
        long decisionBytes = DecisionSize.bound(request, slots);
        if (decisionBytes > maxDecisionBytes) {
            throw InvalidRequestException.tooLarge(new FieldError(
                    "limit",
                    "A ranking of " + slots + " slots with these features would log a decision of up to "
                            + decisionBytes + " bytes, but serving.decisions takes at most " + maxDecisionBytes
                            + ": each slot repeats the user and context features. Ask for fewer slots (limit) or send"
                            + " fewer or shorter features."));
        }
    }

    private static boolean id(String value, String field, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "The field '" + field + "' is required."));
            return false;
        }
        Optional<String> problem = InputRules.idProblem(field, value);
        problem.ifPresent(message -> errors.add(new FieldError(field, message)));
        return problem.isEmpty();
    }

    private void features(Map<String, Object> features, String field, List<FieldError> errors) {
        if (features == null) {
            return;
        }
        FeatureMap map = FeatureMap.copyOf(features);
        Optional<String> size = input.sizeProblem(field, map.size());
        if (size.isPresent()) {
            errors.add(new FieldError(field, size.get()));
            return;
        }
        for (int i = 0; i < map.size() && errors.size() < MAX_ERRORS; i++) {
            String name = map.name(i);
            Object value = map.value(i);
            String path = field + "." + name;
            Optional<String> problem = input.nameProblem("The feature name '" + path + "'", name)
                    .or(() -> input.valueProblem(path, value));
            problem.ifPresent(message -> errors.add(new FieldError(path, message)));
        }
    }
}
