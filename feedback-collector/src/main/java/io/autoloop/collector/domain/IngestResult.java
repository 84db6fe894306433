package io.autoloop.collector.domain;

import java.util.List;

/**
 * The answer to an accepted request: how many events were published and acknowledged, how many were
 * duplicates of already accepted ones, and every refused event with its index and errors.
 */
public record IngestResult(int accepted, int duplicates, List<RejectedEvent> rejected) {

    public IngestResult {
        rejected = List.copyOf(rejected);
    }
}
