package io.autoloop.testing.fuzz;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one endpoint answered to a fuzz run: the count of answers per attack and status, and every answer that broke
 * the rule (a 5xx, a 1xx or 3xx, a 4xx that is not a problem+json naming its status, or no answer at all).
 */
public final class FuzzReport {

    private static final int KEPT = 20;

    private final String endpoint;
    private final FuzzSettings settings;
    private final Map<Attack, Map<Integer, Integer>> statuses = new EnumMap<>(Attack.class);
    private final List<String> violations = new ArrayList<>();
    private int sent;
    private int retried;
    private int violationCount;

    FuzzReport(String endpoint, FuzzSettings settings) {
        this.endpoint = endpoint;
        this.settings = settings;
    }

    void answered(HostileRequest request, int status) {
        sent++;
        statuses.computeIfAbsent(request.attack(), attack -> new TreeMap<>()).merge(status, 1, Integer::sum);
    }

    void countRetry() {
        retried++;
    }

    void violated(HostileRequest request, String what) {
        violationCount++;
        if (violations.size() < KEPT) {
            violations.add(what + "\n    request " + request.describe());
        }
    }

    /** Requests sent. */
    public int sent() {
        return sent;
    }

    /** Requests sent again after a 503 with {@code Retry-After}. */
    public int retried() {
        return retried;
    }

    /** Answers with a 5xx status. */
    public int serverErrors() {
        return statuses.values().stream()
                .flatMap(byStatus -> byStatus.entrySet().stream())
                .filter(entry -> entry.getKey() >= 500)
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    /** Answers that broke the rule (status -1 counts a request that got no answer). */
    public int violations() {
        return violationCount;
    }

    /** The count of answers per attack and status. */
    public Map<Attack, Map<Integer, Integer>> statuses() {
        return statuses;
    }

    /** One paragraph: endpoint, seed, counts, statuses by attack. */
    public String summary() {
        StringBuilder text = new StringBuilder()
                .append("fuzz ")
                .append(endpoint)
                .append(": ")
                .append(sent)
                .append(" requests, ")
                .append(serverErrors())
                .append(" 5xx, ")
                .append(retried)
                .append(" retried after a 503, ")
                .append(violationCount)
                .append(" violations; replay with ")
                .append(settings.replay());
        statuses.forEach((attack, byStatus) ->
                text.append("\n  ").append(attack).append(' ').append(byStatus));
        return text.toString();
    }

    /** Fails with the first violations and how to replay them when any answer broke the rule. */
    public void assertEveryAnswerIsASuccessOrAProblem() {
        if (violationCount > 0) {
            throw new AssertionError(violationCount + " of " + sent + " answers of " + endpoint
                    + " were neither 2xx nor a problem+json 4xx (replay one with " + settings.replay()
                    + " -Dautoloop.fuzz.index=<#>):\n  " + String.join("\n  ", violations) + "\n" + summary());
        }
    }
}
