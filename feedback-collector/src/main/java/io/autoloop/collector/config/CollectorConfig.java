package io.autoloop.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Settings of the feedback-collector ({@code collector.*} in application.properties). */
@ConfigMapping(prefix = "collector")
public interface CollectorConfig {

    /**
     * API keys per app: app id → hex SHA-256 of that app's key ({@code printf %s KEY | sha256sum}), or of each of its
     * keys separated by commas while one rotates. At least one is required; the development key of app {@code demo} is
     * configured in the dev, test and local profiles only.
     */
    Map<String, String> apiKeys();

    /**
     * Secret of the HMAC-SHA256 that pseudonymizes user ids, at least 16 bytes; in production from the
     * environment variable {@code AUTOLOOP_PSEUDONYMIZATION_SECRET}. Must equal the router's.
     */
    Optional<String> pseudonymizationSecret();

    /**
     * The feedback-collectors and ab-routers that must pseudonymize alike: those of one scope publish their terms (the
     * fingerprint of the secret and the app ids) in one Redis key and refuse to serve (readiness DOWN) when theirs
     * differ from those in force. The router's {@code router.pseudonymization-scope} must name the same. Default
     * {@code default}.
     */
    @WithDefault("default")
    String pseudonymizationScope();

    /** Limits of one {@code POST /v1/events} request. */
    Limits limits();

    /** Per-event validation rules that are configurable. */
    Validation validation();

    /**
     * Token-bucket rate limit per API key, shared by replicas through Redis, with a circuit breaker around Redis and a
     * bucket per replica while Redis is away.
     */
    RateLimit rateLimit();

    /** The Kafka producer that publishes to {@code feedback.events} and {@code feedback.rejected}. */
    Producer producer();

    /** The topics written; the defaults are the names in {@code io.autoloop.contracts.Topics}. */
    TopicNames topics();

    /**
     * Bound of the rate limit's Redis call, the only Redis call on the request path; past it the call counts as failed
     * and the request is limited by this replica's bucket. Default 1 s.
     */
    @WithDefault("1s")
    Duration redisTimeout();

    interface TopicNames {

        /** Accepted {@code FeedbackEvent}s, keyed by pseudonymous user id. Default {@code feedback.events}. */
        @WithDefault("feedback.events")
        String events();

        /** Dead letters ({@code RejectedRecord}), unkeyed. Default {@code feedback.rejected}. */
        @WithDefault("feedback.rejected")
        String rejected();
    }

    interface Limits {

        /** Most events in one request. Default 500. */
        @WithDefault("500")
        int maxEvents();

        /** Most bytes of one request body. Default 524288 (512 KiB). */
        @WithDefault("524288")
        int maxRequestBytes();

        /** Most bytes of one event's JSON inside the body. Default 32768 (32 KiB). */
        @WithDefault("32768")
        int maxEventBytes();

        /**
         * Largest absolute value of a number ({@code value}, a context number), at most 2^53; the router's
         * {@code router.limits.max-magnitude} has the same default. Default 1e9.
         */
        @WithDefault("1e9")
        double maxMagnitude();

        /** Most keys of an event's {@code context}; the router allows as many per feature map. Default 100. */
        @WithDefault("100")
        int maxFeatures();

        /** Most code points of a context key; the router's limit for feature names. Default 128. */
        @WithDefault("128")
        int maxNameLength();

        /** Most code points of a context string value; the router's limit for string features. Default 1024. */
        @WithDefault("1024")
        int maxStringLength();
    }

    interface Validation {

        /** How far in the future an event's (skew-corrected) time may be. Default 24 h. */
        @WithDefault("24h")
        Duration maxFuture();

        /** How far in the past an event's (skew-corrected) time may be. Default 30 days. */
        @WithDefault("30d")
        Duration maxAge();
    }

    interface RateLimit {

        /** Sustained events per second allowed per API key. Default 5000. */
        @WithDefault("5000")
        int eventsPerSecond();

        /**
         * Bucket capacity: events a key may send at once after being idle. Default: one second's worth, and
         * never less than {@code limits.max-events} so a full request can always pass.
         */
        OptionalInt burst();

        /** Per-app overrides of {@code events-per-second}: app id → events per second. */
        Map<String, Integer> perApp();

        /** The circuit breaker around the rate limit's Redis call. */
        Breaker breaker();
    }

    interface Breaker {

        /** How many of the latest Redis calls the breaker judges Redis by (its rolling window). Default 20. */
        @WithDefault("20")
        int requests();

        /**
         * The share of those calls that failed or took longer than {@code redis-timeout} at which the circuit opens.
         * Default 0.5.
         */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open circuit lets no call reach Redis before it lets one try again. Default 5 s. */
        @WithDefault("5s")
        Duration delay();
    }

    interface Producer {

        /**
         * How long Kafka may take to acknowledge a request's records before the request answers 503; also the
         * producer's {@code delivery.timeout.ms} and {@code max.block.ms}, so no record of a refused request is
         * written later. Default 5 s.
         */
        @WithDefault("5s")
        Duration sendTimeout();

        /** {@code linger.ms}: how long the producer waits to fill a batch. Default 5 ms. */
        @WithDefault("5ms")
        Duration linger();

        /** {@code batch.size} in bytes per partition. Default 131072. */
        @WithDefault("131072")
        int batchSize();

        /** {@code compression.type}: none, gzip, snappy, lz4 or zstd. Default lz4. */
        @WithDefault("lz4")
        String compression();

        /** {@code Retry-After} of a 503 when Kafka cannot take the write. Default 5 s. */
        @WithDefault("5s")
        Duration retryAfter();
    }
}
