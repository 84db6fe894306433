package io.autoloop.router.service.ranking;

import io.autoloop.contracts.FieldError;
import io.autoloop.learner.FeatureHasher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a {@link RankRequest}: a user id, 1 to {@code maxCandidates} candidates with distinct item ids, feature
 * values that are strings, finite numbers or booleans (nulls are ignored), and a positive limit. Reports up to
 * {@value #MAX_ERRORS} problems at once, each naming its field.
 *
 * <p>A feature value passes exactly when the learner's hashing takes it ({@link FeatureHasher#isValue}), so the
 * {@code FeatureEncoder} never refuses a feature of a checked request: what it would refuse is answered here, with a
 * 400 that names the field, before scoring.
 */
final class RankRequestValidation {

    static final int MAX_ERRORS = 20;
    static final int MAX_ID_LENGTH = 256;

    private RankRequestValidation() {}

    static void check(RankRequest request, int maxCandidates) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw new InvalidRequestException(
                    List.of(new FieldError("body", "A ranking request needs a JSON body; none was sent.")));
        }
        id(request.userId(), "userId", errors);
        features(request.user(), "user", errors);
        features(request.context(), "context", errors);
        if (request.limit() != null && request.limit() < 1) {
            errors.add(new FieldError("limit", "The limit must be at least 1, but it is " + request.limit() + "."));
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
    }

    private static boolean id(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "The field '" + field + "' is required and must not be blank."));
            return false;
        }
        if (value.length() > MAX_ID_LENGTH) {
            errors.add(new FieldError(
                    field, "The field '" + field + "' may have at most " + MAX_ID_LENGTH + " characters."));
            return false;
        }
        return true;
    }

    private static void features(Map<String, Object> features, String field, List<FieldError> errors) {
        if (features == null) {
            return;
        }
        FeatureMap map = FeatureMap.copyOf(features);
        for (int i = 0; i < map.size() && errors.size() < MAX_ERRORS; i++) {
            Object value = map.value(i);
            if (!FeatureHasher.isValue(value)) {
                errors.add(new FieldError(
                        field + "." + map.name(i),
                        "A feature value must be a string, a finite number or a boolean, but it is "
                                + (value instanceof Number ? "not finite" : "a " + kind(value))
                                + "."));
            }
        }
    }

    private static String kind(Object value) {
        if (value instanceof Map) {
            return "JSON object";
        }
        if (value instanceof List) {
            return "JSON array";
        }
        return value.getClass().getSimpleName();
    }
}
