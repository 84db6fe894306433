package io.autoloop.retrainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.Lineage;
import io.autoloop.contracts.LineageConfig;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.search.SearchEvent;
import io.autoloop.learner.search.SearchSettings;
import io.autoloop.learner.search.SearchSpace;
import io.autoloop.retrainer.SyntheticSamples;
import io.autoloop.retrainer.TasteSamples;
import io.autoloop.retrainer.TestLineages;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The search of shadows beside the champion's lineage, driven as the retrainer drives it: on {@link TasteSamples},
 * whose clicks depend only on the user × item pair, a champion without crosses is beaten by the shadow that crosses
 * user × item.
 */
class ShadowSearchTest {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");
    private static final String PARTITION = "training.samples-0";
    private static final TrainerSettings SETTINGS = new TrainerSettings(
            FeatureSpec.withoutCrosses(16), FtrlParameters.defaults(), 300, new GatePolicy(0.002, 1e-6, 100));
    private static final Lineage DEFAULT = TestLineages.defaultOf("ctr", SETTINGS);
    /** Crosses only: three shadows, one per pair of user, item and context. */
    private static final SearchPlan PLAN = new SearchPlan(
            true,
            new SearchSpace(Map.of(), 16, 16, List.of("user", "item", "context")),
            new SearchSettings(3, 1_000, 200, 50_000, 3.0, 0.001, 0.25, 4.0, 1));

    private static final int ENOUGH = 10_000;

    @Test
    void shadowsLearnBesideTheChampionsLineageWithoutBecomingLineages() {
        // given the default lineage and a search
        LineageTrainers trainers = trainersOf(PLAN, DEFAULT);

        // when 150 samples are taken (fewer than a decision needs)
        train(trainers, new SyntheticSamples(31)::next, 0, 150);

        // then three shadows, one per cross, learned them beside the one lineage, which alone trains as a lineage
        ShadowSearch search = trainers.search().orElseThrow();
        assertThat(search.drainEvents())
                .extracting(event -> event.getClass().getSimpleName(), SearchEvent::example)
                .containsExactly(tuple("Proposed", 0L), tuple("Proposed", 0L), tuple("Proposed", 0L));
        SearchStandings standings = search.standings();
        assertThat(trainers.trainers()).extracting(Trainer::lineage).containsExactly(DEFAULT);
        assertThat(standings.running()).isTrue();
        assertThat(standings.anchor()).isEqualTo(DEFAULT.ref().id());
        assertThat(standings.examples()).isEqualTo(150);
        assertThat(standings.shadows())
                .extracting(shadow -> Set.copyOf(shadow.config().crosses()), SearchStandings.Shadow::age)
                .containsExactlyInAnyOrder(
                        tuple(Set.of("user*item"), 150L),
                        tuple(Set.of("user*context"), 150L),
                        tuple(Set.of("item*context"), 150L));
        assertThat(standings.shadows())
                .allSatisfy(shadow -> assertThat(shadow.comparison().examples()).isEqualTo(150));
    }

    @Test
    void aSearchIsOnlyThereWhenThePlanEnablesIt() {
        SearchPlan disabled = new SearchPlan(false, PLAN.space(), PLAN.settings());

        assertThat(trainersOf(disabled, DEFAULT).search()).isEmpty();
        assertThat(trainersOf(PLAN, DEFAULT).search()).isPresent();
    }

    @Test
    void aClearlyBetterShadowGraduatesAndItsLineageGoesOnWithTheShadowsLearner() {
        // given a search beside the default lineage
        LineageTrainers trainers = trainersOf(PLAN, DEFAULT);
        TasteSamples samples = new TasteSamples(32);

        // when samples come until a shadow graduates
        long offset = 0;
        while (trainers.search().orElseThrow().waitingGraduate().isEmpty() && offset < ENOUGH) {
            trainers.accept(PARTITION, offset++, samples.next());
        }

        // then the graduate is confidently better than the champion's lineage, by the margin
        ShadowSearch search = trainers.search().orElseThrow();
        SearchEvent.Graduated graduated = search.drainEvents().stream()
                .filter(SearchEvent.Graduated.class::isInstance)
                .map(SearchEvent.Graduated.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(graduated.comparison().upper())
                .isLessThan(-0.001 * graduated.comparison().championLoss());
        assertThat(graduated.previousChampion().id()).isZero();
        LineageConfig config = search.waitingGraduate().orElseThrow();
        assertThat(config.crosses()).isNotEmpty();
        // and it is no lineage yet: it keeps learning in the search until its lineage is registered
        assertThat(trainers.trainers()).hasSize(1);
        train(trainers, samples::next, offset, 100);
        offset += 100;

        // when its lineage is registered and the trainers follow the lineages
        Lineage graduate = TestLineages.of("ctr", "search-1", 2, config);
        trainers.follow(List.of(DEFAULT, graduate));

        // then its trainer starts with the shadow's learner (warm: at least every sample since it was proposed, none
        // of them a record of its own), and the search goes on around it with new shadows
        Trainer trainer = trainers.trainer(graduate.ref().id()).orElseThrow();
        long warm = trainer.samplesSeen();
        assertThat(warm).isGreaterThanOrEqualTo(offset - graduated.candidate().since());
        assertThat(trainer.recordsConsumed()).isZero();
        assertThat(trainer.nextVersion()).hasToString("2.1.0");
        assertThat(search.waitingGraduate()).isEmpty();
        assertThat(search.standings().anchor()).isEqualTo(graduate.ref().id());
        train(trainers, samples::next, offset, 10);
        assertThat(trainer.samplesSeen()).isEqualTo(warm + 10);
        assertThat(search.standings().shadows()).isNotEmpty();
    }

    @Test
    void whenTheAnchorsLineageIsRetiredTheSearchStartsAgainAroundTheChampionsLineage() {
        // given a graduate whose lineage the search is anchored to
        LineageTrainers trainers = trainersOf(PLAN, DEFAULT);
        Lineage graduate = runToGraduation(trainers, new TasteSamples(33));
        trainers.search().orElseThrow().drainEvents();

        // when its lineage is retired (it lost its experiment)
        trainers.follow(List.of(DEFAULT));

        // then the search starts again around the default lineage, with three new proposals
        ShadowSearch search = trainers.search().orElseThrow();
        assertThat(trainers.trainer(graduate.ref().id())).isEmpty();
        assertThat(search.standings().anchor()).isEqualTo(DEFAULT.ref().id());
        assertThat(search.standings().restarts()).isEqualTo(2);
        assertThat(search.standings().examples()).isZero();
        assertThat(search.drainEvents()).hasSize(3).allMatch(SearchEvent.Proposed.class::isInstance);
    }

    @Test
    void aCheckpointWithTheSearchResumesExactlyWhereverItWasTaken() {
        // given one run without interruption: the search, a graduation, the graduate's lineage, then more samples
        LineageTrainers uninterrupted = trainersOf(PLAN, DEFAULT);
        List<Long> graduatedAt = new ArrayList<>();
        run(uninterrupted, new TasteSamples(34), List.of(), graduatedAt);
        long graduation = graduatedAt.get(0);

        // when another run is checkpointed and restored while shadows learn, while the graduate waits for its
        // lineage, and after its lineage took over
        LineageTrainers interrupted = trainersOf(PLAN, DEFAULT);
        LineageTrainers resumed =
                run(interrupted, new TasteSamples(34), List.of(150L, graduation, graduation + 700), new ArrayList<>());

        // then it ends exactly as the uninterrupted run: every trainer, every shadow and the search's state
        assertThat(resumed.search().orElseThrow().standings())
                .isEqualTo(uninterrupted.search().orElseThrow().standings());
        assertThat(resumed.checkpoint(NOW)).isEqualTo(uninterrupted.checkpoint(NOW));
    }

    @Test
    void aCheckpointWrittenBeforeTheSearchResumesItsLineageAndTheSearchStartsAroundIt() {
        // given a checkpoint of format version 4, written before the search: the lineage and offsets only
        LineageTrainers before = trainersOf(new SearchPlan(false, PLAN.space(), PLAN.settings()), DEFAULT);
        train(before, new SyntheticSamples(35)::next, 0, 300);
        byte[] version4 = withoutSearch(before.checkpoint(NOW));

        // when it is restored with the search on
        LineageTrainers restored = LineageTrainers.restore("ctr", version4, SETTINGS, List.of(DEFAULT), PLAN);
        restored.follow(List.of(DEFAULT));

        // then the lineage goes on where it was, and the search starts around it
        assertThat(restored.trainers()).extracting(Trainer::samplesSeen).containsExactly(300L);
        assertThat(restored.offsets()).isEqualTo(Map.of(PARTITION, 300L));
        assertThat(restored.search().orElseThrow().standings().shadows()).hasSize(3);
        assertThat(restored.restoreNotices()).isEmpty();
    }

    /**
     * The checkpoint of format version 4 that held what {@code checkpoint} holds: the same frame without the body's last
     * byte (false: no search), with the version, body length and CRC32 to match.
     */
    private static byte[] withoutSearch(byte[] checkpoint) {
        byte[] version4 = new byte[checkpoint.length - 1];
        System.arraycopy(checkpoint, 0, version4, 0, checkpoint.length - 5);
        ByteBuffer frame = ByteBuffer.wrap(version4);
        assertThat(checkpoint[checkpoint.length - 5])
                .as("the flag of a checkpoint without search")
                .isZero();
        frame.putShort(4, (short) 4);
        frame.putInt(6, frame.getInt(6) - 1);
        CRC32 crc = new CRC32();
        crc.update(version4, 0, version4.length - 4);
        frame.putInt(version4.length - 4, (int) crc.getValue());
        return version4;
    }

    /**
     * Takes samples until a shadow graduated and 2,000 after it, registering the graduate's lineage as the retrainer
     * does (the sample after its graduation); checkpoints and restores at each of {@code restoreAt} samples.
     *
     * @return the trainers at the end, restored or not
     */
    private static LineageTrainers run(
            LineageTrainers start, TasteSamples samples, List<Long> restoreAt, List<Long> graduatedAt) {
        LineageTrainers trainers = start;
        List<Lineage> active = new ArrayList<>(List.of(DEFAULT));
        for (long offset = 0; offset < ENOUGH && (graduatedAt.isEmpty() || offset < graduatedAt.get(0) + 2_000); ) {
            if (restoreAt.contains(offset)) {
                trainers = LineageTrainers.restore("ctr", trainers.checkpoint(NOW), SETTINGS, active, PLAN);
                trainers.follow(active);
            }
            ShadowSearch search = trainers.search().orElseThrow();
            search.drainEvents();
            if (search.waitingGraduate().isPresent() && graduatedAt.isEmpty()) {
                graduatedAt.add(offset);
                continue; // the same offset again: a restore may come first, with the graduate waiting
            }
            if (search.waitingGraduate().isPresent()) {
                active.add(TestLineages.of(
                        "ctr",
                        "search-" + active.size(),
                        active.size() + 1,
                        search.waitingGraduate().get()));
                trainers.follow(active);
            }
            trainers.accept(PARTITION, offset++, samples.next());
        }
        assertThat(graduatedAt).as("a graduation within %d samples", ENOUGH).isNotEmpty();
        return trainers;
    }

    /** Takes samples until a shadow graduates, then registers its lineage; returns that lineage. */
    private static Lineage runToGraduation(LineageTrainers trainers, TasteSamples samples) {
        long offset = 0;
        while (trainers.search().orElseThrow().waitingGraduate().isEmpty()) {
            assertThat(offset).as("a graduation within %d samples", ENOUGH).isLessThan(ENOUGH);
            trainers.accept(PARTITION, offset++, samples.next());
        }
        Lineage graduate = TestLineages.of(
                "ctr",
                "search-1",
                2,
                trainers.search().orElseThrow().waitingGraduate().orElseThrow());
        trainers.follow(List.of(DEFAULT, graduate));
        return graduate;
    }

    private static LineageTrainers trainersOf(SearchPlan plan, Lineage... lineages) {
        LineageTrainers trainers = LineageTrainers.fresh("ctr", SETTINGS, plan);
        trainers.follow(List.of(lineages));
        return trainers;
    }

    private static void train(LineageTrainers trainers, Supplier<LabelledSample> samples, long from, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(trainers.accept(PARTITION, from + i, samples.get())).isEqualTo(SampleOutcome.TRAINED);
        }
    }
}
