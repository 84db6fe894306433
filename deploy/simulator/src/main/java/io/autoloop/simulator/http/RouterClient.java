package io.autoloop.simulator.http;

/** Calls the ab-router's {@code POST /v1/rank} with the app's key. Thread-safe. */
public final class RouterClient {

    static final String RANK_PATH = "/v1/rank";

    private final JsonHttp http;
    private final Targets targets;

    public RouterClient(JsonHttp http, Targets targets) {
        this.http = http;
        this.targets = targets;
    }

    /**
     * Asks the router to rank; retries per the policy.
     *
     * @throws InterruptedException when interrupted while sending or waiting to retry
     */
    public RankOutcome rank(RankRequest request) throws InterruptedException {
        Reply reply = http.post(targets.routerPath(RANK_PATH), targets.apiKey(), () -> request);
        if (reply.success()) {
            RankResponse response = http.read(reply.body(), RankResponse.class);
            if (response == null || response.decisionId() == null) {
                return new RankOutcome.Refused(
                        reply.status(),
                        "The answer has no decisionId: " + ProblemText.of(http.mapper(), reply),
                        reply.retries());
            }
            return new RankOutcome.Ranked(response, reply.retries());
        }
        if (!reply.answered() || RetryPolicy.retryable(reply.status())) {
            return new RankOutcome.Unavailable(ProblemText.of(http.mapper(), reply), reply.retries());
        }
        return new RankOutcome.Refused(reply.status(), ProblemText.of(http.mapper(), reply), reply.retries());
    }
}
