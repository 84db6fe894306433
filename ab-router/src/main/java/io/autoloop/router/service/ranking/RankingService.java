package io.autoloop.router.service.ranking;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.ServedItem;
import io.autoloop.contracts.input.InputRules;
import io.autoloop.contracts.privacy.Pseudonymizer;
import io.autoloop.learner.FeatureEncoder;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.ModelSnapshot;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.serving.SlateSelector;
import io.autoloop.router.service.model.LoadedModel;
import io.autoloop.router.service.model.Routing;
import io.autoloop.router.service.model.RoutingTable;
import io.autoloop.router.service.ranking.RankResponse.RankedItem;
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
 * {@link Decision} to {@code serving.decisions} without waiting. A request that breaks a rule of
 * {@link RankRequestValidation} (the input rules the collector shares, and a decision that fits the decision log) is
 * refused before anything else happens.
 *
 * <p>The pseudonymous user id (the collector's HMAC) picks the arm through the {@link RoutingTable}; that arm's model
 * scores every candidate at the reference position, encoded by the learner's {@link FeatureEncoder} from its
 * {@code user}, {@code context} and {@code item} features, the pseudonymous user id and the item id, exactly as the
 * retrainer encodes a labelled sample; the {@link SlateSelector} fills the slots with ε-greedy exploration. The
 * decision logs, per shown item, the features used (with {@code user.id} and {@code item.id}, without the position)
 * and the model's click probability at the slot it was shown in, which is what the analyzer holds the label against
 * and what the retrainer trains on. Without a model the candidates keep their given order and the response says
 * {@code modelVersion: null}.
 *
 * <p>Per thread it reuses an encoder, a feature vector and the score and slot arrays, so scoring allocates nothing.
 */
@ApplicationScoped
public class RankingService {

    private static final String USER = FeatureSpec.USER;
    private static final String ITEM = FeatureSpec.ITEM;
    private static final String CONTEXT = FeatureSpec.CONTEXT;

    private final Routing routing;
    private final Pseudonymizer pseudonymizer;
    private final DecisionLog decisions;
    private final ArmMeters meters;
    private final RouterConfig.Ranking settings;
    private final RankRequestValidation validation;
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
        if (settings.referencePosition() < 1) {
            throw new IllegalArgumentException("router.ranking.reference-position must be a slot of 1 or more, but it"
                    + " is " + settings.referencePosition() + ".");
        }
        RouterConfig.Limits limits = config.limits();
        this.validation = new RankRequestValidation(
                new InputRules(
                        limits.maxMagnitude(), limits.maxFeatures(), limits.maxNameLength(), limits.maxStringLength()),
                settings.maxCandidates(),
                settings.maxLimit(),
                settings.defaultLimit(),
                decisions.maxDecisionBytes());
    }

    /**
     * Ranks for a user of {@code appId}.
     *
     * @throws InvalidRequestException when the request breaks the API's rules
     */
    public RankResponse rank(String appId, RankRequest request) {
        validation.check(request);
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

    /** Ranks {@code request} for the pseudonymous {@code userId} with the arm and model of {@code assignment}. */
    RankResponse rank(RankRequest request, String userId, RoutingTable.Assignment assignment) {
        List<RankRequest.Candidate> candidates = request.candidates();
        int count = candidates.size();
        int limit = request.limit() == null ? settings.defaultLimit() : request.limit();
        Scratch s = scratch.get();
        s.ensure(count);
        LoadedModel model = assignment.model();
        ModelSnapshot snapshot = model == null ? null : model.snapshot();
        FeatureEncoder encoder = snapshot == null ? null : s.encoderFor(snapshot.featureSpec());
        if (snapshot != null) {
            int reference = settings.referencePosition();
            for (int i = 0; i < count; i++) {
                encode(encoder, userId, request, candidates.get(i), reference, s.vector);
                s.scores[i] = snapshot.predict(s.vector);
            }
        } else {
            Arrays.fill(s.scores, 0, count, 0.0);
        }
        int slots = s.selector.select(
                s.scores, count, limit, settings.epsilon(), ThreadLocalRandom.current(), s.shown, s.propensities);

        Map<String, Object> loggedUser = withId(request.user() == null ? Map.of() : request.user(), userId);
        Map<String, Object> loggedContext = withoutNulls(request.context() == null ? Map.of() : request.context());
        List<RankedItem> items = new ArrayList<>(slots);
        List<ServedItem> served = new ArrayList<>(slots);
        for (int slot = 0; slot < slots; slot++) {
            RankRequest.Candidate candidate = candidates.get(s.shown[slot]);
            int position = slot + 1;
            double atSlot = 0.0;
            if (snapshot != null) {
                encode(encoder, userId, request, candidate, position, s.vector);
                atSlot = snapshot.predict(s.vector);
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
        return new RankResponse(
                decisionId, assignment.experimentId(), assignment.arm(), version, items, s.selector.explored());
    }

    /**
     * Encodes {@code candidate} of a validated {@code request} at slot {@code position} into {@code out}: the serving
     * side of the one encoding training shares.
     */
    static void encode(
            FeatureEncoder encoder,
            String userId,
            RankRequest request,
            RankRequest.Candidate candidate,
            int position,
            FeatureVector out) {
        encoder.encode(
                userId, request.user(), request.context(), candidate.itemId(), candidate.features(), position, out);
    }

    /** {@code features} without nulls, with {@code id} set to {@code id} (any given {@code id} is replaced). */
    private static Map<String, Object> withId(Map<String, Object> features, String id) {
        Map<String, Object> copy = withoutNulls(features);
        copy.put(FeatureEncoder.ID, id);
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
        FeatureEncoder encoder;

        void ensure(int count) {
            if (scores.length < count) {
                scores = new double[count];
                shown = new int[count];
                propensities = new double[count];
            }
        }

        FeatureEncoder encoderFor(FeatureSpec spec) {
            if (encoder == null || !spec.equals(encoder.spec())) {
                encoder = new FeatureEncoder(spec);
            }
            return encoder;
        }
    }
}
