package io.autoloop.learner.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A search saved between two examples and restored goes on exactly as the uninterrupted one: the same events, the same
 * participation draws and the same state bytes at the end. Candidates "predict" by a rule of their configuration and
 * the label, so the runs differ only if the saved state does.
 */
class OnlineSearchStateTest {

    private static final Configuration START =
            new Configuration(FeatureSpec.withoutCrosses(18), FtrlParameters.defaults());
    private static final SearchSpace SPACE = SearchSpace.defaults(18, List.of("u", "i", "c"));
    /** Six challengers on a budget of two: participation is sampled, so its generator's position matters. */
    private static final SearchSettings SETTINGS = new SearchSettings(6, 400, 100, 1_500, 3.0, 0.001, 0.25, 2.0, 7);

    @Test
    void aSearchRestoredMidStreamGoesOnExactlyAsTheUninterruptedOne() {
        // given one search run over 6,000 examples without interruption
        OnlineSearch uninterrupted = new OnlineSearch(START, SPACE, SETTINGS);
        List<String> expected = new ArrayList<>(describe(uninterrupted.drainEvents()));
        expected.addAll(feed(uninterrupted, 0, 6_000));

        // when another is saved after 2,345 examples, restored and fed the rest
        OnlineSearch first = new OnlineSearch(START, SPACE, SETTINGS);
        List<String> actual = new ArrayList<>(describe(first.drainEvents()));
        actual.addAll(feed(first, 0, 2_345));
        OnlineSearch restored = read(write(first));
        actual.addAll(feed(restored, 2_345, 6_000));

        // then the events (proposals, retirements, graduations with their numbers) and the final state are the same
        assertThat(expected).anySatisfy(event -> assertThat(event).startsWith("Graduated"));
        assertThat(actual).isEqualTo(expected);
        assertThat(write(restored)).isEqualTo(write(uninterrupted));
    }

    @Test
    void theSearchesGeneratorDrawsWhatJavaUtilRandomDrawsAndResumesFromItsPosition() {
        // given the generator and java.util.Random of the same seed
        SearchRandom random = new SearchRandom(42);
        Random reference = new Random(42);

        // when both draw every kind of number, the generator saved and restored half-way (a Gaussian pending)
        List<Double> drawn = new ArrayList<>();
        List<Double> expected = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            if (i == 501) {
                random = restoreRandom(random);
            }
            drawn.add(random.nextGaussian());
            drawn.add(random.nextDouble());
            drawn.add((double) random.nextInt(7));
            drawn.add(random.nextBoolean() ? 1.0 : 0.0);
            drawn.add((double) random.nextLong());
            expected.add(reference.nextGaussian());
            expected.add(reference.nextDouble());
            expected.add((double) reference.nextInt(7));
            expected.add(reference.nextBoolean() ? 1.0 : 0.0);
            expected.add((double) reference.nextLong());
        }

        // then the sequences are equal
        assertThat(drawn).isEqualTo(expected);
    }

    @Test
    void aSearchWithEventsWaitingCannotBeSavedAndOtherSettingsCannotRestoreIt() {
        OnlineSearch search = new OnlineSearch(START, SPACE, SETTINGS);

        assertThatIllegalStateException().isThrownBy(() -> write(search)).withMessageContaining("drainEvents()");
        search.drainEvents();
        byte[] saved = write(search);
        SearchSettings otherWindow = new SearchSettings(6, 500, 100, 1_500, 3.0, 0.001, 0.25, 2.0, 7);
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        OnlineSearch.readFrom(new DataInputStream(new ByteArrayInputStream(saved)), SPACE, otherWindow))
                .withMessage("The saved search ran with a window of 400 and 6 challengers, not 500 and 6.");
    }

    /**
     * Feeds examples {@code from} to {@code to}: label from a fixed sequence, each candidate predicting by its
     * α (a higher α knows the label a little better) as a rule of the label.
     */
    private static List<String> feed(OnlineSearch search, int from, int to) {
        List<String> events = new ArrayList<>();
        for (int example = from; example < to; example++) {
            double label = (example * 2_654_435_761L >>> 7) % 5 == 0 ? 1.0 : 0.0;
            List<Candidate> live = search.live();
            double[] predictions = new double[live.size()];
            for (int i = 0; i < live.size(); i++) {
                double skill =
                        Math.min(0.1, live.get(i).configuration().parameters().alpha() / 5);
                predictions[i] = search.takesPart(i) ? (label == 1.0 ? 0.2 + skill : 0.2 - skill) : Double.NaN;
            }
            search.observe(predictions, label, 1.0);
            events.addAll(describe(search.drainEvents()));
        }
        return events;
    }

    private static List<String> describe(List<SearchEvent> events) {
        return events.stream().map(Object::toString).toList();
    }

    private static byte[] write(OnlineSearch search) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            search.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static OnlineSearch read(byte[] bytes) {
        try {
            return OnlineSearch.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)), SPACE, SETTINGS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SearchRandom restoreRandom(SearchRandom random) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            random.writeTo(new DataOutputStream(bytes));
            SearchRandom restored = new SearchRandom(0);
            restored.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            return restored;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
