package io.autoloop.analyzer.domain;

/** Why a {@link io.autoloop.contracts.Decision} was not labelled; tags {@code autoloop.decisions.ignored}. */
public enum IgnoredDecision {
    /** The decisionId is already open or was recently labelled. */
    DUPLICATE("duplicate"),
    /** It arrived after the analyzer would have forgotten it, so it can no longer be told from a repeat. */
    EXPIRED("expired"),
    /** The payload does not meet the Decision contract. */
    UNREADABLE("unreadable");

    private final String wireName;

    IgnoredDecision(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
