package io.autoloop.simulator.http;

/** What became of one ranking request after its retries. */
public sealed interface RankOutcome {

    /** Attempts beyond the first. */
    int retries();

    /** The router ranked the candidates. */
    record Ranked(RankResponse response, int retries) implements RankOutcome {}

    /** The router answered with a final error status; {@code detail} is its problem text. */
    record Refused(int status, String detail, int retries) implements RankOutcome {}

    /** No usable answer: the router could not be reached or stayed unavailable through every attempt. */
    record Unavailable(String reason, int retries) implements RankOutcome {}
}
