package io.autoloop.simulator.run;

import io.autoloop.simulator.http.EventInput;
import io.autoloop.simulator.http.RankRequest;
import io.autoloop.simulator.http.RankResponse;
import io.autoloop.simulator.world.Item;
import io.autoloop.simulator.world.SimulatedFeedback;
import io.autoloop.simulator.world.User;
import io.autoloop.simulator.world.Visit;
import io.autoloop.simulator.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Live traffic of the synthetic {@link World}: visit n asks the router to rank {@code candidates} items for a user
 * (user features in {@code user}, the device in {@code context}, item features per candidate), and the
 * ranking's feedback is drawn from the true model ({@link Visit#react}), which also values the ranking against the
 * oracle's ({@link Visit#value}). Event ids are {@link EventIds} of the run id and {@code visit/<n>/<k>}; every event
 * carries the user's consent and the request context.
 */
public final class WorldTraffic implements Traffic {

    private final World world;
    private final int candidates;
    private final int limit;
    private final String runId;

    public WorldTraffic(World world, int candidates, int limit, String runId) {
        if (candidates < 1 || candidates > 1_000) {
            throw new IllegalArgumentException(
                    "--candidates must be 1 to 1,000 (the router's bound), but it is " + candidates + ".");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, but it is " + limit + ".");
        }
        this.world = world;
        this.candidates = candidates;
        this.limit = limit;
        this.runId = runId;
    }

    @Override
    public Optional<Planned> next(long index) {
        Visit visit = world.visit(index, candidates);
        User user = visit.user();
        List<RankRequest.Candidate> items = new ArrayList<>(visit.candidates().size());
        for (Item item : visit.candidates()) {
            items.add(new RankRequest.Candidate(item.itemId(), item.features()));
        }
        RankRequest request = new RankRequest(user.userId(), user.features(), user.context(), items, limit);
        return Optional.of(new Planned(request, null, response -> react(index, visit, response), visit::value));
    }

    /** The events of the visit's feedback on the ranking of {@code response}. */
    private List<PlannedEvent> react(long index, Visit visit, RankResponse response) {
        User user = visit.user();
        List<SimulatedFeedback> feedback = visit.react(response.shownItemIds());
        List<PlannedEvent> events = new ArrayList<>(feedback.size());
        for (int k = 0; k < feedback.size(); k++) {
            SimulatedFeedback f = feedback.get(k);
            events.add(new PlannedEvent(
                    f.delay(),
                    new EventInput(
                            EventIds.of(runId, "visit/" + index + "/" + k),
                            f.type(),
                            user.userId(),
                            f.itemId(),
                            response.decisionId(),
                            null,
                            null,
                            f.value(),
                            user.context(),
                            user.consent())));
        }
        return events;
    }
}
