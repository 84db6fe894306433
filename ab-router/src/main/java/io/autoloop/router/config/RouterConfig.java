package io.autoloop.router.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting of the ab-router, under the prefix {@code router}; see the module README for the table. */
@ConfigMapping(prefix = "router")
public interface RouterConfig {

    /** The model this router ranks with and rolls out, e.g. {@code ctr}; its Redis keys and experiments use it. */
    @WithDefault("ctr")
    String modelName();

    /**
     * App id → hex SHA-256 of that app's API key, or of each of its keys separated by commas while one rotates, for
     * {@code POST /v1/rank}. At least one is required.
     */
    Map<String, String> apiKeys();

    /**
     * Hex SHA-256 of the unnamed admin key for the experiment API, whose actions are recorded as {@code admin}; without
     * it and without {@code admin-keys} the admin API refuses every request.
     */
    Optional<String> adminKeyHash();

    /**
     * Named admins: admin name → hex SHA-256 of that admin's key (several separated by commas while one rotates); each
     * admin's actions are recorded under its name in experiment histories and on {@code audit.log}.
     */
    Map<String, String> adminKeys();

    /**
     * The HMAC secret that pseudonymizes user ids; the same value as the feedback-collector's. Production reads it
     * from {@code AUTOLOOP_PSEUDONYMIZATION_SECRET} and refuses to start without it.
     */
    Optional<String> pseudonymizationSecret();

    /**
     * The feedback-collectors and ab-routers that must pseudonymize alike: those of one scope publish their terms (the
     * fingerprint of the secret and the app ids) in one Redis key and refuse to serve (readiness DOWN) when theirs
     * differ from those in force. The collector's {@code collector.pseudonymization-scope} must name the same. Default
     * {@code default}.
     */
    @WithDefault("default")
    String pseudonymizationScope();

    /** An id for this replica in the controller lease; a random one when unset. */
    Optional<String> replicaId();

    Ranking ranking();

    Limits limits();

    Experiment experiment();

    Guardrails guardrails();

    Refresh refresh();

    Bench bench();

    /** How candidates are ranked. */
    interface Ranking {

        /** The ε of ε-greedy exploration over slots, in [0, 1]; 0 disables exploration. Default 0.05. */
        @WithDefault("0.05")
        double epsilon();

        /** The slots returned when a request gives no {@code limit}. Default 10. */
        @WithDefault("10")
        int defaultLimit();

        /** The most candidates one request may carry. Default 1,000. */
        @WithDefault("1000")
        int maxCandidates();

        /**
         * The most slots one request may ask for ({@code limit}); a larger limit is refused, a limit above the number
         * of candidates is capped by it. With the other limits it bounds the decision logged per ranking. Default 100.
         */
        @WithDefault("100")
        int maxLimit();

        /**
         * The slot every candidate is scored at for ranking, 1 or more: the value of the position feature the learner's
         * {@code FeatureEncoder} defines ({@code context^position}, trained at the slot each item was shown in). The
         * decision logs each item's probability at the slot it was shown in. Default 1.
         */
        @WithDefault("1")
        int referencePosition();
    }

    /**
     * What the ids, feature names and feature values of a ranking request may be: the rules the feedback-collector holds
     * its events to ({@code collector.limits.*}), with the same defaults, so that what one accepts the other does.
     */
    interface Limits {

        /** Largest absolute value of a numeric feature, at most 2^53. Default 1e9. */
        @WithDefault("1e9")
        double maxMagnitude();

        /** Most features in one map ({@code user}, {@code context}, a candidate's {@code features}). Default 100. */
        @WithDefault("100")
        int maxFeatures();

        /** Most code points of a feature name. Default 128. */
        @WithDefault("128")
        int maxNameLength();

        /** Most code points of a string feature value. Default 1024. */
        @WithDefault("1024")
        int maxStringLength();
    }

    /** The experiment controller and its rollout rules. */
    interface Experiment {

        /** The challenger's weight at each step, in percent, strictly increasing. Default 5, 10, 25, 50, 100. */
        @WithDefault("5,10,25,50,100")
        List<Double> steps();

        /** Time between two analyses of the running experiment. Default 60 s. */
        @WithDefault("60s")
        Duration interval();

        /**
         * Challenger impressions a safety step needs, settled in the step, before it may advance; and the challenger's
         * impressions in total before harm may roll it back. Default 500.
         */
        @WithDefault("500")
        long minExposure();

        /**
         * Impressions each arm needs in total before the decision step promotes or ends as "no gain"; both arms
         * together need as many settled in a step before its sample-ratio check. Default 1,000.
         */
        @WithDefault("1000")
        long minImpressions();

        /**
         * The relative CTR gain worth a promotion: the lift estimate must reach it, and the experiment ends as "no
         * gain" once the futility bound lies below it. Default 0.02 (+2 %).
         */
        @WithDefault("0.02")
        double gainThreshold();

        /** Level of the one-sided gain test. Default 0.05. */
        @WithDefault("0.05")
        double alpha();

        /** Level of the one-sided harm test. Default 0.05. */
        @WithDefault("0.05")
        double harmAlpha();

        /** Level of the futility bound (the upper end of a {@code 1 − level} confidence sequence). Default 0.1. */
        @WithDefault("0.1")
        double futilityAlpha();

        /** τ, the standard deviation of the mixture over the log CTR ratio of the gain and harm tests. Default 0.1. */
        @WithDefault("0.1")
        double mixtureSd();

        /** τ_d, the wide second scale of the harm test, which catches a disaster early. Default 0.5. */
        @WithDefault("0.5")
        double disasterMixtureSd();

        /** The always-valid p-value under which a sample-ratio mismatch stops the experiment. Default 0.001. */
        @WithDefault("0.001")
        double srmAlpha();

        /**
         * How long after a weight change replicas may still route by the previous weight (at least
         * {@code refresh-interval}): arm-stats windows that start sooner are left out of the step's sample-ratio check
         * and exposure. Default 10 s.
         */
        @WithDefault("10s")
        Duration settleTime();

        /**
         * How long after its end an arm-stats window may still grow (at least the analyzer's attribution window plus
         * grace); older windows are folded into their step's sums and later reports of them ignored. Default 6 h.
         */
        @WithDefault("6h")
        Duration windowRetention();

        /** How long an experiment may progress before it is rolled back as inconclusive. Default 7 days. */
        @WithDefault("7d")
        Duration maxDuration();

        /**
         * How long an ended experiment and its analyses stay in Redis after its last write; then they expire and leave
         * the list. Default 90 days.
         */
        @WithDefault("90d")
        Duration retention();

        /** How often each replica re-reads aliases and experiment state, and the leader ticks. Default 1 s. */
        @WithDefault("1s")
        Duration refreshInterval();

        /** How long the controller lease lives without renewal. Default 10 s. */
        @WithDefault("10s")
        Duration leaseTtl();
    }

    /** Guardrails that roll a challenger back when one fails too many analyses in a row. */
    interface Guardrails {

        /** The sliding window over which the router measures each arm's error rate and p99 latency. Default 2 min. */
        @WithDefault("2m")
        Duration window();

        /** Highest acceptable share of failed challenger requests in an interval. Default 0.01. */
        @WithDefault("0.01")
        double maxErrorRate();

        /** Highest acceptable challenger p99 ranking latency. Default 50 ms. */
        @WithDefault("50ms")
        Duration maxP99Latency();

        /** Challenger requests the window needs before error rate and latency are judged. Default 100. */
        @WithDefault("100")
        long minRequests();

        /** Lowest acceptable observed/predicted clicks of the challenger's version. Default 0.8. */
        @WithDefault("0.8")
        double calibrationLow();

        /** Highest acceptable observed/predicted clicks of the challenger's version. Default 1.25. */
        @WithDefault("1.25")
        double calibrationHigh();

        /** Samples an error report needs before its calibration is judged. Default 1,000. */
        @WithDefault("1000")
        long minCalibrationSamples();

        /** Failed analyses in a row of one guardrail that roll the challenger back. Default 3. */
        @WithDefault("3")
        int failuresToRollback();
    }

    /**
     * The refresh guard, which watches an arm after a newer version of its lineage was swapped in and reverts it when
     * a guardrail fails. Its calibration and error-rate limits are those of {@code router.guardrails}
     * ({@code calibration-low}, {@code calibration-high}, {@code max-error-rate}, {@code min-requests}).
     */
    interface Refresh {

        /**
         * How long an arm is watched after its first refresh; at least the analyzer's attribution window, grace and
         * report window, so that the first error reports of the refresh arrive inside it. Default 45 min.
         */
        @WithDefault("45m")
        Duration window();

        /**
         * Labelled samples the refreshes' error reports need before their CTR and calibration are judged, and the
         * previous version's report before its CTR is the baseline. Default 1,000.
         */
        @WithDefault("1000")
        long minSamples();

        /** The largest acceptable relative drop of CTR against the previous version's. Default 0.2 (-20 %). */
        @WithDefault("0.2")
        double maxCtrDrop();
    }

    /** The benchmark's baseline endpoint. */
    interface Bench {

        /**
         * Whether {@code POST /bench/echo} (parse a ranking request and return it, nothing else) answers; off by
         * default, on only for benchmark runs.
         */
        @WithDefault("false")
        boolean echoEnabled();
    }
}
