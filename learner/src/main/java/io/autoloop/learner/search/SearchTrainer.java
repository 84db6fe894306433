package io.autoloop.learner.search;

import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.NonFiniteUpdateException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Trains every live candidate of an {@link OnlineSearch} with its own {@link FtrlLearner}: consumes each example as its
 * {@link Encodings} (one {@link FeatureVector} per feature spec), its label and weight, and produces the prediction the
 * search serves for it, the champion's, made before any learner learned the example; the search's events go to a
 * listener.
 *
 * <p>Per example: every candidate that takes part learns the example with {@link FtrlLearner#learn}, which returns the
 * prediction it made before its own update; then the search observes the predictions. Learners share no state, so
 * each prediction is exactly the one it would make had no learner learned the example yet: every example is predicted
 * by every live configuration before any of them learns it, at the cost of one pass over each vector instead of two.
 * A proposed challenger that hashes like the champion starts from a copy of the champion's
 * learner (VW's {@code --automl} copies the champion's weights the same way); one with other hash bits starts from
 * zero. Learners of retired candidates are recycled into later proposals of the same bits, so a proposal costs time in
 * proportion to the coordinates with state, not to 2^bits.
 *
 * <p>A challenger whose learner refuses an example ({@link NonFiniteUpdateException}) keeps its state and counts as
 * not having predicted it; the champion's refusal is thrown before any learner learns, so the example is then not
 * learned at all. Not thread-safe.
 */
public final class SearchTrainer {

    private final OnlineSearch search;
    private final Consumer<SearchEvent> listener;
    private final Map<Integer, FtrlLearner> learnersById = new HashMap<>();
    private final Map<Integer, ArrayDeque<FtrlLearner>> spentByBits = new HashMap<>();
    private final FtrlLearner[] learners;
    private final double[] predictions;

    /** A trainer of {@code search}'s candidates, every learner fresh; {@code listener} receives every event. */
    public SearchTrainer(OnlineSearch search, Consumer<SearchEvent> listener) {
        this.search = Objects.requireNonNull(search, "search");
        this.listener = Objects.requireNonNull(listener, "listener");
        Candidate champion = search.champion();
        learnersById.put(
                champion.id(),
                new FtrlLearner(
                        champion.configuration().spec(),
                        champion.configuration().parameters()));
        int slots = search.settings().challengers() + 1;
        learners = new FtrlLearner[slots];
        predictions = new double[slots];
        apply(search.drainEvents());
    }

    /**
     * Predicts and learns one example with every candidate that takes part, then lets the search observe it.
     *
     * @return the champion's prediction, made before any learner learned the example
     * @throws NonFiniteUpdateException if the champion's learner refuses the example; nothing learned it then
     */
    public double learn(Encodings encodings, double label, double weight) {
        List<Candidate> live = search.live();
        int size = live.size();
        predictions[0] =
                learners[0].learn(encodings.vector(live.get(0).configuration().spec()), label, weight);
        double importance = search.importance();
        for (int i = 1; i < size; i++) {
            predictions[i] = Double.NaN;
            if (search.takesPart(i)) {
                FeatureVector x = encodings.vector(live.get(i).configuration().spec());
                try {
                    predictions[i] = learners[i].learn(x, label, weight * importance);
                } catch (NonFiniteUpdateException e) {
                    // the learner is unchanged; the example counts as one it did not take part in
                }
            }
        }
        double served = predictions[0];
        search.observe(predictions, label, weight);
        List<SearchEvent> events = search.drainEvents();
        if (!events.isEmpty()) {
            apply(events);
        }
        return served;
    }

    /** The search this trainer drives. */
    public OnlineSearch search() {
        return search;
    }

    /** The champion's learner. */
    public FtrlLearner champion() {
        return learners[0];
    }

    /** The learner of the live candidate {@code id}. */
    public FtrlLearner learner(int id) {
        FtrlLearner learner = learnersById.get(id);
        if (learner == null) {
            throw new IllegalArgumentException("Candidate " + id + " is not live.");
        }
        return learner;
    }

    private void apply(List<SearchEvent> events) {
        for (SearchEvent event : events) {
            if (event instanceof SearchEvent.Proposed proposed) {
                start(proposed);
            } else if (event instanceof SearchEvent.Retired retired) {
                release(retired.candidate());
            } else if (event instanceof SearchEvent.Graduated graduated) {
                release(graduated.previousChampion());
            }
            listener.accept(event);
        }
        List<Candidate> live = search.live();
        for (int i = 0; i < live.size(); i++) {
            learners[i] = learnersById.get(live.get(i).id());
        }
    }

    private void start(SearchEvent.Proposed proposed) {
        Configuration configuration = proposed.candidate().configuration();
        FeatureSpec spec = configuration.spec();
        FtrlLearner source = proposed.warmStart() ? learnersById.get(proposed.champion()) : null;
        ArrayDeque<FtrlLearner> spent = spentByBits.get(spec.bits());
        FtrlLearner learner;
        if (spent != null && !spent.isEmpty()) {
            learner = spent.pop().recycle(spec, configuration.parameters(), source);
        } else if (source != null) {
            learner = new FtrlLearner(spec, configuration.parameters(), source);
        } else {
            learner = new FtrlLearner(spec, configuration.parameters());
        }
        learnersById.put(proposed.candidate().id(), learner);
    }

    /** Keeps the learner of a candidate that stopped for a later proposal, up to K of each bits. */
    private void release(Candidate candidate) {
        FtrlLearner learner = learnersById.remove(candidate.id());
        ArrayDeque<FtrlLearner> spent =
                spentByBits.computeIfAbsent(learner.spec().bits(), bits -> new ArrayDeque<>());
        if (spent.size() < search.settings().challengers()) {
            spent.push(learner);
        }
    }
}
