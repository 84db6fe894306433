package io.autoloop.router.service.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.ModelMetrics;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.ServedItem;
import io.autoloop.contracts.Topic;
import io.autoloop.contracts.Topics;
import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureEncoder;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.ModelSnapshot;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.service.model.LoadedModel;
import io.autoloop.router.service.model.RoutingTable;
import io.autoloop.router.testing.DefaultConfig;
import io.autoloop.router.testing.TestModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The serving side of the one feature encoding: what the router scores a candidate with is what the retrainer trains
 * on once the decision it logged has become a labelled sample.
 */
class RankingServiceTest {

    private static final FeatureSpec SPEC = new FeatureSpec(18, 0, List.of(new Cross("user", "item")));
    private static final String USER_ID = "pseudonym-of-u-42";

    /**
     * Requests that cover every kind of feature value (strings, integers, the largest magnitudes the input rules allow,
     * decimals, zero, booleans, nulls), ids given and not given, a position the app sent itself, absent feature maps,
     * and slots 1 to 6.
     */
    private static final List<String> REQUESTS = List.of("""
            {"userId": "u-42",
             "user": {"country": "fr", "premium": true, "age": 34, "visits": 1000000000, "vip": false, "nick": null},
             "context": {"device": "mobile", "hour": 21, "ratio": 0.25, "zero": 0, "tiny": 1e-3, "id": "ctx-7"},
             "candidates": [
               {"itemId": "a", "features": {"category": "news", "price": 9.5, "big": -1000000000}},
               {"itemId": "b", "features": {"category": "sport", "price": 12, "discount": -1.5, "new": true}},
               {"itemId": "c", "features": {"category": "café ☕", "empty": "", "none": null}},
               {"itemId": "d"},
               {"itemId": "e", "features": {}},
               {"itemId": "f", "features": {"category": "news", "price": 1.0}}],
             "limit": 6}
            """, """
            {"userId": "u-42",
             "user": {"id": "the-apps-own-user-id", "country": "de"},
             "context": {"position": "1", "device": "tv"},
             "candidates": [
               {"itemId": "sku-1", "features": {"id": "sku-1", "price": 3}},
               {"itemId": "sku-2", "features": {"id": 17, "price": 4}},
               {"itemId": "sku-3", "features": {"price": 5}}],
             "limit": 3}
            """, """
            {"userId": "u-42", "candidates": [{"itemId": "only"}]}
            """);

    private final List<Decision> logged = new ArrayList<>();
    private final DecisionLog decisions = new DecisionLog(null, new SimpleMeterRegistry(), 1_048_576) {
        @Override
        public void log(Decision decision) {
            logged.add(decision);
        }
    };

    @Test
    void theRetrainerTrainsEachShownItemOnExactlyTheFeaturesTheRouterScoredItWithAtItsSlot() throws Exception {
        // given a model, and the requests ranked with it; the test hands rank() the assignment routing would make
        ModelSnapshot model = modelWithAWeightOnEveryFeatureOf(requests());
        RankingService ranking = rankingService(exploring());
        RoutingTable.Assignment assignment = new RoutingTable.Assignment(null, Arm.CHAMPION, loaded(model));
        FeatureEncoder serving = new FeatureEncoder(SPEC);
        FeatureEncoder training = new FeatureEncoder(SPEC);
        Map<String, List<String>> scored = new LinkedHashMap<>();
        Map<String, List<String>> trained = new LinkedHashMap<>();
        List<String> scoresThatDiffer = new ArrayList<>();

        for (RankRequest request : requests()) {
            // when the router ranks it and logs its decision
            ranking.rank(request, USER_ID, assignment);
            Decision decision = overTheWire(Topics.SERVING_DECISIONS, logged.get(logged.size() - 1));

            for (ServedItem item : decision.items()) {
                String key = decision.decisionId() + "/" + item.itemId() + "@" + item.position();
                // the serving path: the candidate at the slot it was shown in, scored with what rank() logged
                FeatureVector served = new FeatureVector();
                RankingService.encode(
                        serving, USER_ID, request, candidate(request, item.itemId()), item.position(), served);
                scored.put(key, entries(served));
                if (model.predict(served) != item.score()) {
                    scoresThatDiffer.add(key);
                }
                // and the training path: the sample the analyzer makes of the logged item, as the retrainer reads it
                LabelledSample sample = overTheWire(Topics.TRAINING_SAMPLES, labelled(decision, item));
                FeatureVector learned = new FeatureVector();
                training.encode(sample.userId(), sample.itemId(), sample.position(), sample.features(), learned);
                trained.put(key, entries(learned));
            }
        }

        // then every shown item was trained on the very coordinates and values it was scored with at its slot
        assertThat(scoresThatDiffer)
                .as("items whose logged score is not the one of the serving vector")
                .isEmpty();
        assertThat(scored.keySet())
                .extracting(key -> key.substring(key.indexOf('@') + 1))
                .contains("1", "2", "3", "4", "5", "6");
        assertThat(trained).isEqualTo(scored);
    }

    @Test
    void scoringACandidateAllocatesNothingOnceWarm() throws Exception {
        // given a parsed request and a warmed-up encoder, vector and model
        RankRequest request = requests().get(0);
        ModelSnapshot model = modelWithAWeightOnEveryFeatureOf(List.of(request));
        FeatureEncoder encoder = new FeatureEncoder(SPEC);
        FeatureVector vector = new FeatureVector(256);
        double[] scores = new double[request.candidates().size()];
        Runnable pass = () -> {
            for (int i = 0; i < scores.length; i++) {
                RankingService.encode(
                        encoder, USER_ID, request, request.candidates().get(i), 1, vector);
                scores[i] = model.predict(vector);
            }
        };
        for (int i = 0; i < 2_000; i++) {
            pass.run();
        }

        // when 6,000 more candidates are scored
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000; i++) {
            pass.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // then they allocated (next to) nothing
        assertThat(allocated).isLessThan(1_000);
    }

    @Test
    void aReferencePositionBelowOneStopsTheStart() {
        RouterConfig.Ranking slotZero = DefaultConfig.of(RouterConfig.Ranking.class, Map.of("referencePosition", 0));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> rankingService(slotZero))
                .withMessageContaining("router.ranking.reference-position");
    }

    /** Ranking settings with exploration on, so items land in slots their score alone would not give them. */
    private static RouterConfig.Ranking exploring() {
        return DefaultConfig.of(RouterConfig.Ranking.class, Map.of("epsilon", 0.5));
    }

    private RankingService rankingService(RouterConfig.Ranking ranking) {
        RouterConfig config = DefaultConfig.of(RouterConfig.class, Map.of("ranking", ranking));
        return new RankingService(null, null, decisions, new ArmMeters(new SimpleMeterRegistry(), config), config);
    }

    private static List<RankRequest> requests() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<RankRequest> requests = new ArrayList<>();
        for (String request : REQUESTS) {
            RankRequest parsed = json.readValue(request, RankRequest.class);
            RankRequestValidationTest.DEFAULTS.check(parsed);
            requests.add(parsed);
        }
        return requests;
    }

    /** A model trained on every candidate of {@code requests} at slots 1 to 6, so each of their features weighs. */
    private static ModelSnapshot modelWithAWeightOnEveryFeatureOf(List<RankRequest> requests) {
        FtrlLearner learner = new FtrlLearner(SPEC, FtrlParameters.defaults());
        FeatureEncoder encoder = new FeatureEncoder(SPEC);
        FeatureVector vector = new FeatureVector();
        int n = 0;
        for (RankRequest request : requests) {
            for (RankRequest.Candidate candidate : request.candidates()) {
                for (int slot = 1; slot <= 6; slot++) {
                    RankingService.encode(encoder, USER_ID, request, candidate, slot, vector);
                    learner.learn(vector, n++ % 3 == 0 ? 1.0 : 0.0);
                }
            }
        }
        return learner.snapshot("ctr", "1.0.0", null, Map.of(), Instant.EPOCH);
    }

    private static LoadedModel loaded(ModelSnapshot model) {
        return new LoadedModel(
                new ModelVersion(
                        ModelVersion.SCHEMA_VERSION,
                        "ctr",
                        "1.0.0",
                        null,
                        Instant.EPOCH,
                        0,
                        new ModelMetrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                        "0".repeat(64),
                        RedisKeys.model("ctr", "1.0.0"),
                        TestModels.LINEAGE),
                model);
    }

    private static RankRequest.Candidate candidate(RankRequest request, String itemId) {
        return request.candidates().stream()
                .filter(candidate -> candidate.itemId().equals(itemId))
                .findFirst()
                .orElseThrow();
    }

    /** The sample the error-analyzer's {@code Attributor} makes of a served item (here labelled a click). */
    private static LabelledSample labelled(Decision decision, ServedItem item) {
        return new LabelledSample(
                LabelledSample.SCHEMA_VERSION,
                decision.decisionId(),
                decision.userId(),
                item.itemId(),
                item.position(),
                item.propensity(),
                item.features(),
                1,
                1.0,
                "click",
                decision.experimentId(),
                decision.modelVersion(),
                decision.arm(),
                item.score(),
                decision.servedAt(),
                Boolean.TRUE);
    }

    /** {@code record} written to and read from its topic's JSON, as Kafka carries it between services. */
    private static <T> T overTheWire(Topic<T> topic, T record) {
        return topic.serde().deserialize(topic.name(), topic.serde().serialize(topic.name(), record));
    }

    /** The vector's (coordinate, value) entries in ascending order: what a model sums, whatever the entry order. */
    private static List<String> entries(FeatureVector vector) {
        String[] entries = new String[vector.size()];
        for (int i = 0; i < vector.size(); i++) {
            entries[i] = String.format("%08d:%s", vector.index(i), vector.value(i));
        }
        Arrays.sort(entries);
        return List.of(entries);
    }
}
