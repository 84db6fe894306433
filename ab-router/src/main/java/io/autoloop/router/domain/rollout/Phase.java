package io.autoloop.router.domain.rollout;

/**
 * The phases of an experiment's gray rollout.
 *
 * <pre>
 * WAITING ──loaded──▶ PROGRESSING ──safe──▶ PROGRESSING … decision step ──gain──▶ PROMOTING ──▶ SUCCEEDED
 *    │                   │  ▲    │                            │                     ▲
 *    │             pause │  │    │ sample-ratio mismatch      └──futility──▶ NO_GAIN │ promote (admin)
 *    │                   ▼  │    ▼                                                  │
 *    │               PAUSED ┘  STOPPED ── resume ──▶ PROGRESSING                    │
 *    └── rejected, superseded, harm, guardrail, deadline or admin ──▶ ROLLED_BACK
 * </pre>
 */
public enum Phase {
    /** Created; the challenger model is being loaded and gets no traffic yet. */
    WAITING,
    /** The challenger gets the weight of the current step and the controller analyses every interval. */
    PROGRESSING,
    /** Held at the current weight by an admin: never advances, but still rolls back on harm or guardrails. */
    PAUSED,
    /** Stopped and flagged on a sample-ratio mismatch: the challenger gets no traffic until an admin acts. */
    STOPPED,
    /** The challenger gets all traffic while the champion alias is switched to it. */
    PROMOTING,
    /** The challenger became the champion. */
    SUCCEEDED,
    /** The challenger was withdrawn. */
    ROLLED_BACK,
    /** The challenger is no worse but a gain worth promoting is no longer plausible: it is withdrawn, freeing the model. */
    NO_GAIN;

    /** Whether the experiment is over. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == ROLLED_BACK || this == NO_GAIN;
    }

    /** Whether the challenger serves users in this phase. */
    public boolean servesChallenger() {
        return this == PROGRESSING || this == PAUSED || this == PROMOTING;
    }
}
