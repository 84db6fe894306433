package io.autoloop.learner.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.learner.FeatureEncoder;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.LogLoss;
import io.autoloop.learner.SharedEncodings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The search driving real learners on a synthetic stream where a click depends on the user's segment and the item's
 * category together, so only a configuration with the user × item cross can learn it.
 */
class SearchTrainerTest {

    private static final Configuration START =
            new Configuration(FeatureSpec.withoutCrosses(18), FtrlParameters.defaults());
    private static final List<String> NAMESPACES = List.of(FeatureSpec.USER, FeatureSpec.ITEM, FeatureSpec.CONTEXT);
    private static final SearchSettings SETTINGS = new SearchSettings(4, 2_000, 500, 5_000, 2.0, 0.001, 0.25, 4.0, 1);

    @Test
    void theChampionServesExactlyThePlainLearnersPredictionsUntilAChallengerWithTheCrossGraduates() {
        // given a search from a configuration without crosses, and a plain learner of that configuration
        List<Example> stream = stream(20_000, 3);
        List<SearchEvent> events = new ArrayList<>();
        SearchTrainer trainer =
                new SearchTrainer(new OnlineSearch(START, SearchSpace.defaults(18, NAMESPACES), SETTINGS), events::add);
        FtrlLearner plain = new FtrlLearner(START.spec(), START.parameters());
        FeatureEncoder encoder = new FeatureEncoder(START.spec());
        FeatureVector x = new FeatureVector();
        SharedEncodings encodings = new SharedEncodings();

        // when both go through the stream
        List<Double> served = new ArrayList<>();
        List<Double> alone = new ArrayList<>();
        for (Example example : stream) {
            encodings.next(example.user(), example.item(), 1, example.features());
            served.add(trainer.learn(encodings::vector, example.label(), 1.0));
            encoder.encode(example.user(), example.item(), 1, example.features(), x);
            alone.add(plain.learn(x, example.label()));
        }

        // then a challenger with the user × item cross graduated, and until then every served prediction was the
        // plain learner's, bit for bit: no challenger's learning reached the champion
        SearchEvent.Graduated graduated = events.stream()
                .filter(SearchEvent.Graduated.class::isInstance)
                .map(SearchEvent.Graduated.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(graduated.candidate().configuration().spec().crosses())
                .extracting(Object::toString)
                .contains("user*item");
        int until = (int) graduated.example();
        assertThat(served.subList(0, until)).isEqualTo(alone.subList(0, until));
        // and afterwards the served predictions are better than the plain learner's
        assertThat(logLoss(served.subList(until, served.size()), stream.subList(until, stream.size())))
                .isLessThan(logLoss(alone.subList(until, alone.size()), stream.subList(until, stream.size())));
    }

    @Test
    void eachExampleIsHashedOncePerDistinctFeatureSpecAmongTheCandidates() {
        SearchTrainer trainer =
                new SearchTrainer(new OnlineSearch(START, SearchSpace.defaults(18, NAMESPACES), SETTINGS), e -> {});
        SharedEncodings encodings = new SharedEncodings();

        for (Example example : stream(5_000, 4)) {
            Set<FeatureSpec> specs = new HashSet<>();
            trainer.search()
                    .live()
                    .forEach(candidate -> specs.add(candidate.configuration().spec()));
            long before = encodings.encodings();

            encodings.next(example.user(), example.item(), 1, example.features());
            trainer.learn(encodings::vector, example.label(), 1.0);

            assertThat(encodings.encodings() - before).isEqualTo(specs.size());
        }
    }

    @Test
    void aChallengerThatHashesLikeTheChampionStartsFromItsStateAndOneWithOtherBitsFromZero() {
        // given a space whose proposals may also change the bits, from 17 to 19
        SearchSpace space = new SearchSpace(SearchSpace.defaults(18, NAMESPACES).ranges(), 17, 19, NAMESPACES);
        Map<Integer, Long> startedWith = new HashMap<>();
        List<SearchEvent.Proposed> proposals = new ArrayList<>();
        SearchTrainer[] trainer = new SearchTrainer[1];
        trainer[0] = new SearchTrainer(new OnlineSearch(START, space, SETTINGS), event -> {
            if (event instanceof SearchEvent.Proposed proposed) {
                proposals.add(proposed);
                startedWith.put(
                        proposed.candidate().id(),
                        trainer[0] == null
                                ? 0
                                : trainer[0].learner(proposed.champion()).samplesSeen());
            }
        });
        SharedEncodings encodings = new SharedEncodings();

        // when 12,000 examples are learned
        for (Example example : stream(12_000, 5)) {
            encodings.next(example.user(), example.item(), 1, example.features());
            trainer[0].learn(encodings::vector, example.label(), 1.0);
        }

        // then a warm-started challenger has learned what the champion had when it was proposed, and every example
        // since; one with other bits only the examples since
        assertThat(proposals).anyMatch(SearchEvent.Proposed::warmStart).anyMatch(proposed -> !proposed.warmStart());
        long examples = trainer[0].search().examples();
        for (SearchEvent.Proposed proposed : proposals) {
            Candidate candidate = proposed.candidate();
            if (trainer[0].search().live().contains(candidate)) {
                long since = examples - candidate.since();
                assertThat(trainer[0].learner(candidate.id()).samplesSeen())
                        .isEqualTo(proposed.warmStart() ? startedWith.get(candidate.id()) + since : since);
            }
        }
    }

    @Test
    void withMoreChallengersThanTheShadowBudgetEachLearnsItsShareOfTheExamples() {
        // given eight challengers, a budget of two, and bounds so wide that no challenger is ever decided on
        SearchSettings settings = new SearchSettings(8, 2_000, 500, 1_000_000, 1e9, 0.001, 0.25, 2.0, 1);
        SearchTrainer trainer =
                new SearchTrainer(new OnlineSearch(START, SearchSpace.defaults(18, NAMESPACES), settings), e -> {});
        SharedEncodings encodings = new SharedEncodings();

        // when 4,000 examples are learned
        for (Example example : stream(4_000, 6)) {
            encodings.next(example.user(), example.item(), 1, example.features());
            trainer.learn(encodings::vector, example.label(), 1.0);
        }

        // then the champion learned all of them and each challenger about a quarter (2 / 8), so the challengers did
        // the work of two learners, not eight
        List<Candidate> live = trainer.search().live();
        assertThat(trainer.champion().samplesSeen()).isEqualTo(4_000);
        assertThat(live.subList(1, live.size()))
                .hasSize(8)
                .allSatisfy(
                        candidate -> assertThat(trainer.learner(candidate.id()).samplesSeen())
                                .isBetween(900L, 1_100L));
    }

    /** One example of the synthetic stream. */
    record Example(String user, String item, Map<String, Map<String, Object>> features, double label) {}

    /** Clicks with logit −1.5 + A[segment][category], A ~ N(0, 1.5²): an interaction of user and item only. */
    static List<Example> stream(int count, long seed) {
        Random random = new Random(seed);
        double[][] affinity = new double[8][10];
        for (double[] row : affinity) {
            for (int c = 0; c < row.length; c++) {
                row[c] = 1.5 * random.nextGaussian();
            }
        }
        List<Example> stream = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int segment = random.nextInt(8);
            int category = random.nextInt(10);
            double p = 1.0 / (1.0 + Math.exp(1.5 - affinity[segment][category]));
            Map<String, Map<String, Object>> features = new LinkedHashMap<>();
            features.put(FeatureSpec.USER, new LinkedHashMap<>(Map.of("segment", "s" + segment)));
            features.put(FeatureSpec.ITEM, new LinkedHashMap<>(Map.of("category", "c" + category)));
            features.put(FeatureSpec.CONTEXT, new LinkedHashMap<>(Map.of("hour", "h" + random.nextInt(24))));
            stream.add(new Example(
                    "u" + random.nextInt(500),
                    "i" + category + "-" + random.nextInt(20),
                    features,
                    random.nextDouble() < p ? 1.0 : 0.0));
        }
        return stream;
    }

    private static double logLoss(List<Double> predictions, List<Example> examples) {
        double sum = 0.0;
        for (int i = 0; i < predictions.size(); i++) {
            sum += LogLoss.of(predictions.get(i), examples.get(i).label());
        }
        return sum / predictions.size();
    }
}
