package io.autoloop.simulator.http;

import io.autoloop.contracts.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends batches of events to the feedback-collector's {@code POST /v1/events} and accounts for every event of a batch
 * ({@link BatchOutcome}). Each attempt stamps {@code sentAt} anew, so the collector's clock-skew correction stays
 * right across retries; a retried batch keeps its event ids, so events stored by an earlier attempt are published
 * again and the error-analyzer drops the copies. Thread-safe.
 */
public final class CollectorClient {

    static final String EVENTS_PATH = "/v1/events";
    /** The most events the collector takes in one request. */
    public static final int MAX_BATCH = 500;

    private final JsonHttp http;
    private final Targets targets;
    private final Clock clock;

    public CollectorClient(JsonHttp http, Targets targets, Clock clock) {
        this.http = http;
        this.targets = targets;
        this.clock = clock;
    }

    /**
     * Sends one batch of 1–{@value #MAX_BATCH} events; retries per the policy.
     *
     * @throws InterruptedException when interrupted while sending or waiting to retry
     */
    public BatchOutcome send(List<EventInput> events) throws InterruptedException {
        if (events.isEmpty() || events.size() > MAX_BATCH) {
            throw new IllegalArgumentException(
                    "A batch holds 1 to " + MAX_BATCH + " events, but this one has " + events.size() + ".");
        }
        int n = events.size();
        Reply reply = http.post(targets.collectorPath(EVENTS_PATH), targets.apiKey(), () -> {
            var sentAt = clock.instant();
            return Map.of(
                    "events", events.stream().map(e -> e.withSentAt(sentAt)).toList());
        });
        int retries = reply.retries();
        if (reply.success()) {
            IngestAnswer answer = http.read(reply.body(), IngestAnswer.class);
            if (answer == null) {
                return failed(
                        n,
                        retries,
                        false,
                        "The collector's answer is not an ingest result: " + ProblemText.of(http.mapper(), reply));
            }
            List<String> rejections = new ArrayList<>();
            for (IngestAnswer.Rejection rejection : answer.rejected()) {
                rejections.add(describe(events, rejection));
            }
            int rejected = Math.min(answer.rejected().size(), n);
            int accepted = Math.min(answer.accepted(), n - rejected);
            int duplicates = Math.min(answer.duplicates(), n - rejected - accepted);
            return new BatchOutcome(
                    n,
                    accepted,
                    duplicates,
                    rejected,
                    n - rejected - accepted - duplicates,
                    retries,
                    false,
                    rejections);
        }
        String problem = ProblemText.of(http.mapper(), reply);
        if (reply.status() == 401 || reply.status() == 403) {
            return failed(n, retries, true, problem);
        }
        if (reply.status() >= 400 && reply.status() < 500 && reply.status() != 429) {
            return new BatchOutcome(n, 0, 0, n, 0, retries, false, List.of("whole request: " + problem));
        }
        return failed(n, retries, false, problem);
    }

    private static BatchOutcome failed(int n, int retries, boolean unauthorized, String why) {
        return new BatchOutcome(n, 0, 0, 0, n, retries, unauthorized, List.of(why));
    }

    private static String describe(List<EventInput> events, IngestAnswer.Rejection rejection) {
        String type = rejection.index() >= 0 && rejection.index() < events.size()
                ? events.get(rejection.index()).type().wireName()
                : "event";
        if (rejection.errors().isEmpty()) {
            return type + ": rejected without a reason";
        }
        FieldError first = rejection.errors().get(0);
        String field = first.field().replaceFirst("^events\\[\\d+]\\.?", "");
        return type + (field.isEmpty() ? "" : " " + field) + ": " + first.message();
    }
}
