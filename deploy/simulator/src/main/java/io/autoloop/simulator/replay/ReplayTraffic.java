package io.autoloop.simulator.replay;

import io.autoloop.contracts.EventType;
import io.autoloop.simulator.http.EventInput;
import io.autoloop.simulator.http.RankRequest;
import io.autoloop.simulator.run.EventIds;
import io.autoloop.simulator.run.Traffic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Replays logged Open Bandit impressions through the router and the collector, one visit per logged row, in log
 * order. Each row becomes:
 *
 * <ol>
 *   <li>{@code POST /v1/rank} with the logged item as the only candidate ({@code limit 1}) — so the router logs a real
 *       {@code Decision} (with the features, its arm and model version) that feedback can join;
 *   <li>an {@code impression} of that item for the answer's {@code decisionId}, and a {@code click} when the log says
 *       the user clicked.
 * </ol>
 *
 * Mapping: {@code userId} = {@code obd-} + the first 16 hex digits of SHA-256 of the four user features (the dataset
 * has no user ids, so users with equal features are one user); {@code itemId} = {@code <campaign>-<item_id>} (item ids
 * of the two campaigns overlap but name different items); {@code user} = {@code user_feature_0..3} (strings);
 * the candidate's {@code features} = {@code item_feature_0} (number), {@code item_feature_1..3} (strings); the
 * request context = {@code campaign} and the logged slot as the string {@code logged_position}. Events carry
 * {@code policy}, {@code campaign}, {@code logged_position} and {@code logged_propensity} in their context.
 */
public final class ReplayTraffic implements Traffic {

    private final List<ObdImpression> log;
    private final String runId;

    public ReplayTraffic(List<ObdImpression> log, String runId) {
        this.log = List.copyOf(log);
        this.runId = runId;
    }

    public int size() {
        return log.size();
    }

    @Override
    public Optional<Planned> next(long index) {
        if (index >= log.size()) {
            return Optional.empty();
        }
        ObdImpression row = log.get((int) index);
        return Optional.of(new Planned(
                request(row),
                Duration.between(log.get(0).loggedAt(), row.loggedAt()),
                response -> {
                    String itemId = itemId(row);
                    if (!response.shownItemIds().contains(itemId)) {
                        return List.of();
                    }
                    List<PlannedEvent> events = new ArrayList<>(2);
                    events.add(
                            new PlannedEvent(Duration.ZERO, event(row, EventType.IMPRESSION, response.decisionId())));
                    if (row.click()) {
                        events.add(new PlannedEvent(Duration.ZERO, event(row, EventType.CLICK, response.decisionId())));
                    }
                    return events;
                },
                null));
    }

    /** The ranking request for one logged row. */
    static RankRequest request(ObdImpression row) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("campaign", row.campaign());
        context.put("logged_position", Integer.toString(row.position()));
        return new RankRequest(
                userId(row),
                row.userFeatureMap(),
                context,
                List.of(new RankRequest.Candidate(itemId(row), row.item().features())),
                1);
    }

    private EventInput event(ObdImpression row, EventType type, String decisionId) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("policy", row.policy());
        context.put("campaign", row.campaign());
        context.put("logged_position", row.position());
        context.put("logged_propensity", row.propensity());
        String place = "obd/" + row.policy() + "/" + row.campaign() + "/" + row.row() + "/" + type.wireName();
        return new EventInput(
                EventIds.of(runId, place), type, userId(row), itemId(row), decisionId, null, null, null, context, true);
    }

    static String itemId(ObdImpression row) {
        return row.campaign() + "-" + row.item().itemId();
    }

    static String userId(ObdImpression row) {
        return "obd-"
                + DigestUtils.sha256Hex(String.join("|", row.userFeatures())).substring(0, 16);
    }
}
