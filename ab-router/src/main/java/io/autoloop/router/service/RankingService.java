package io.autoloop.router.service;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.ServedItem;
import io.autoloop.contracts.privacy.Pseudonymizer;
import io.autoloop.learner.FeatureHasher;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.ModelSnapshot;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.SlateSelector;
import io.autoloop.router.service.RankResponse.RankedItem;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ranks candidates for one user: consumes a {@link RankRequest}, produces the {@link RankResponse} and logs the
 * {@link Decision} to {@code serving.decisions} without waiting.
 *
 * <p>The pseudonymous user id (the collector's HMAC) picks the arm through the {@link RoutingTable}; that arm's model
 * scores every candidate on its {@code user}, {@code context} and {@code item} features plus {@code user^id} and
 * {@code item^id}, all at the reference position; the {@link SlateSelector} fills the slots with ε-greedy exploration.
 * The decision logs, per shown item, the features used (without the position) and the model's click probability at
 * the slot it was shown in, which is what the analyzer holds the label against. Without a model the candidates keep
 * their given order and the response says {@code modelVersion: null}.
 *
 * <p>Per thread it reuses a hasher, a feature vector and the score and slot arrays, so scoring allocates nothing.
 */
@ApplicationScoped
public class RankingService {

    private static final String USER = FeatureSpec.USER;
    private static final String ITEM = FeatureSpec.ITEM;
    private static final String CONTEXT = FeatureSpec.CONTEXT;
    private static final String ID = "id";

    private final Routing routing;
    private final Pseudonymizer pseudonymizer;
    private final DecisionLog decisions;
    private final ArmMeters meters;
    private final RouterConfig.Ranking settings;
    private final String positionNamespace;
    private final String positionName;
    private final String[] positions;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    public RankingService(
            Routing routing,
            Pseudonymizer pseudonymizer,
            DecisionLog decisions,
            ArmMeters meters,
            RouterConfig config) {
        this.routing = routing;
        this.pseudonymizer = pseudonymizer;
        this.decisions = decisions;
        this.meters = meters;
        this.settings = config.ranking();
        if (!(settings.epsilon() >= 0.0 && settings.epsilon() <= 1.0)) {
            throw new IllegalArgumentException(
                    "router.ranking.epsilon must be in [0, 1], but it is " + settings.epsilon() + ".");
        }
        String feature = settings.positionFeature();
        int caret = feature.indexOf('^');
        if (caret <= 0 || caret == feature.length() - 1) {
            throw new IllegalArgumentException(
                    "router.ranking.position-feature must read namespace^name, but it is '" + feature + "'.");
        }
        this.positionNamespace = feature.substring(0, caret);
        this.positionName = feature.substring(caret + 1);
        this.positions = new String[Math.max(settings.maxCandidates(), settings.referencePosition()) + 1];
        for (int i = 1; i < positions.length; i++) {
            positions[i] = Integer.toString(i);
        }
    }

    /**
     * Ranks for a user of {@code appId}.
     *
     * @throws InvalidRequestException when the request breaks the API's rules
     */
    public RankResponse rank(String appId, RankRequest request) {
        RankRequestValidation.check(request, settings.maxCandidates());
        long start = System.nanoTime();
        String userId = pseudonymizer.pseudonymize(appId, request.userId());
        RoutingTable.Assignment assignment = routing.current().assign(userId);
        Arm arm = assignment.arm();
        try {
            RankResponse response = rank(request, userId, assignment);
            meters.served(arm, start, response.items().size());
            return response;
        } catch (RuntimeException e) {
            meters.failed(arm, start);
            throw e;
        }
    }

    private RankResponse rank(RankRequest request, String userId, RoutingTable.Assignment assignment) {
        List<RankRequest.Candidate> candidates = request.candidates();
        int count = candidates.size();
        int limit = request.limit() == null ? settings.defaultLimit() : request.limit();
        Map<String, Object> user = request.user() == null ? Map.of() : request.user();
        Map<String, Object> context = request.context() == null ? Map.of() : request.context();
        Scratch s = scratch.get();
        s.ensure(count);
        LoadedModel model = assignment.model();
        if (model != null) {
            ModelSnapshot snapshot = model.snapshot();
            FeatureHasher hasher = s.hasherFor(snapshot.featureSpec());
            String reference = positions[settings.referencePosition()];
            for (int i = 0; i < count; i++) {
                s.scores[i] = score(hasher, s.vector, snapshot, userId, user, context, candidates.get(i), reference);
            }
        } else {
            Arrays.fill(s.scores, 0, count, 0.0);
        }
        int slots = s.selector.select(
                s.scores, count, limit, settings.epsilon(), ThreadLocalRandom.current(), s.shown, s.propensities);

        Map<String, Object> loggedUser = withId(user, userId);
        Map<String, Object> loggedContext = withoutNulls(context);
        List<RankedItem> items = new ArrayList<>(slots);
        List<ServedItem> served = new ArrayList<>(slots);
        for (int slot = 0; slot < slots; slot++) {
            RankRequest.Candidate candidate = candidates.get(s.shown[slot]);
            int position = slot + 1;
            double atSlot = 0.0;
            if (model != null) {
                ModelSnapshot snapshot = model.snapshot();
                atSlot = score(
                        s.hasherFor(snapshot.featureSpec()),
                        s.vector,
                        snapshot,
                        userId,
                        user,
                        context,
                        candidate,
                        positions[position]);
            }
            items.add(new RankedItem(candidate.itemId(), model == null ? null : s.scores[s.shown[slot]], position));
            Map<String, Map<String, Object>> features = Map.of(
                    USER,
                    loggedUser,
                    ITEM,
                    withId(candidate.features() == null ? Map.of() : candidate.features(), candidate.itemId()),
                    CONTEXT,
                    loggedContext);
            served.add(new ServedItem(candidate.itemId(), position, atSlot, s.propensities[slot], features));
        }
        String decisionId = UUID.randomUUID().toString();
        String version = model == null ? null : model.version();
        decisions.log(new Decision(
                Decision.SCHEMA_VERSION,
                decisionId,
                userId,
                assignment.experimentId(),
                assignment.arm(),
                version,
                Instant.now(),
                served));
        return new RankResponse(decisionId, assignment.experimentId(), assignment.arm(), version, items);
    }

    private double score(
            FeatureHasher hasher,
            FeatureVector vector,
            ModelSnapshot snapshot,
            String userId,
            Map<String, Object> user,
            Map<String, Object> context,
            RankRequest.Candidate candidate,
            String position) {
        hasher.begin(vector);
        add(hasher, USER, user);
        hasher.addString(USER, ID, userId);
        add(hasher, CONTEXT, context);
        hasher.addString(positionNamespace, positionName, position);
        if (candidate.features() != null) {
            add(hasher, ITEM, candidate.features());
        }
        hasher.addString(ITEM, ID, candidate.itemId());
        hasher.end();
        return snapshot.predict(vector);
    }

    private static void add(FeatureHasher hasher, String namespace, Map<String, Object> map) {
        FeatureMap features = FeatureMap.copyOf(map);
        for (int i = 0, size = features.size(); i < size; i++) {
            String name = features.name(i);
            if (ID.equals(name)) {
                continue;
            }
            Object value = features.value(i);
            if (value instanceof String text) {
                hasher.addString(namespace, name, text);
            } else if (value instanceof Number number) {
                hasher.addNumeric(namespace, name, number.doubleValue());
            } else if (value instanceof Boolean flag) {
                hasher.addString(namespace, name, flag ? "true" : "false");
            }
        }
    }

    /** {@code features} without nulls, with {@code id} set to {@code id} (any given {@code id} is replaced). */
    private static Map<String, Object> withId(Map<String, Object> features, String id) {
        Map<String, Object> copy = withoutNulls(features);
        copy.put(ID, id);
        return copy;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> features) {
        Map<String, Object> copy = new LinkedHashMap<>(features.size() * 2);
        features.forEach((name, value) -> {
            if (value != null) {
                copy.put(name, value);
            }
        });
        return copy;
    }

    /** One thread's reusable buffers. */
    private static final class Scratch {
        final SlateSelector selector = new SlateSelector();
        final FeatureVector vector = new FeatureVector(256);
        double[] scores = new double[0];
        int[] shown = new int[0];
        double[] propensities = new double[0];
        FeatureSpec spec;
        FeatureHasher hasher;

        void ensure(int count) {
            if (scores.length < count) {
                scores = new double[count];
                shown = new int[count];
                propensities = new double[count];
            }
        }

        FeatureHasher hasherFor(FeatureSpec wanted) {
            if (!wanted.equals(spec)) {
                spec = wanted;
                hasher = new FeatureHasher(wanted);
            }
            return hasher;
        }
    }
}
