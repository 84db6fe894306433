package io.autoloop.retrainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings of the retrainer ({@code retrainer.*} in application.properties); units and defaults per method. */
@ConfigMapping(prefix = "retrainer")
public interface RetrainerConfig {

    /**
     * Name of the model this instance trains: the Redis keys {@code autoloop:model:{name}:*},
     * {@code autoloop:checkpoint:{name}} and {@code autoloop:lease:trainer:{name}}, and the key of its
     * {@code model.versions} records. Default {@code ctr}.
     */
    @WithDefault("ctr")
    String modelName();

    /** Topic the {@code LabelledSample}s are read from. Default {@code training.samples}. */
    @WithDefault("training.samples")
    String samplesTopic();

    /**
     * Hex SHA-256 of the admin key that {@code POST /v1/models/publish} requires as {@code Authorization: Bearer
     * <key>} ({@code printf %s KEY | sha256sum}); in production from {@code AUTOLOOP_ADMIN_KEY_HASH}, the router's
     * admin credential too. Required: startup fails without it. The dev, test and local profiles configure the hash
     * of {@code autoloop-dev-admin-key}.
     */
    Optional<String> adminKeyHash();

    /**
     * Named admins: admin name → hex SHA-256 of that admin's key (several separated by commas while one rotates), the
     * router's {@code router.admin-keys} too. Besides {@code admin-key-hash} or instead of it: one of them is required.
     */
    Map<String, String> adminKeys();

    /**
     * How samples are hashed into coordinates: bits and crosses belong to the default lineage (changing them makes a
     * new lineage), the seed to every lineage.
     */
    Features features();

    /** FTRL-Proximal hyper-parameters (McMahan et al. 2013) of the default lineage; changing them makes a new one. */
    Ftrl ftrl();

    /** When a candidate is due. */
    Publish publish();

    /** The validation gate a candidate must pass to be published. */
    Gate gate();

    /** How often the trainer state and consumed offsets are saved between publishes. */
    Checkpoint checkpoint();

    /** The Redis lease that keeps one active trainer per model; other instances wait as standbys. */
    Lease lease();

    /** The Kafka clients of the training loop (a plain consumer and producer, configured here). */
    Kafka kafka();

    /** When training counts as stalled, and how often the active trainer reports its health to the router. */
    Alert alert();

    /** The search of shadow configurations beside the champion's lineage. */
    Search search();

    /** How often the champion alias and the lineages (new ones, retired ones) are read. Default 5 s. */
    @WithDefault("5s")
    Duration championRefresh();

    /** How many versions the registry keeps. */
    Registry registry();

    /** Bound of every Redis call of the retrainer (checkpoints of several MiB included). Default 10 s. */
    @WithDefault("10s")
    Duration redisTimeout();

    /** Pause before the training loop starts over from the last checkpoint after a failure. Default 5 s. */
    @WithDefault("5s")
    Duration retryBackoff();

    interface Features {

        /** Hash bits b: 2^b slots plus a bias; the trainer keeps 2 × 8 × 2^b bytes of state. Default 22. */
        @WithDefault("22")
        int bits();

        /** MurmurHash3 seed. Default 0. */
        @WithDefault("0")
        int hashSeed();

        /** Namespace crosses as {@code left*right}, or {@code none}. Default {@code user*item}. */
        @WithDefault("user*item")
        List<String> crosses();
    }

    interface Ftrl {

        /** Per-coordinate learning-rate scale α. Default 0.1. */
        @WithDefault("0.1")
        double alpha();

        /** Learning-rate smoothing β. Default 1. */
        @WithDefault("1.0")
        double beta();

        /** L1 strength λ1. Default 0. */
        @WithDefault("0.0")
        double l1();

        /** L2 strength λ2. Default 0. */
        @WithDefault("0.0")
        double l2();
    }

    interface Publish {

        /** A candidate is due after this many trained samples since the last attempt. Default 10,000. */
        @WithDefault("10000")
        long everySamples();

        /** ... or this long after the last attempt, if any sample was trained since. Default 60 s. */
        @WithDefault("60s")
        Duration every();
    }

    interface Gate {

        /** Size of the holdout window: the latest samples, each scored by learner and champion. Default 5,000. */
        @WithDefault("5000")
        int holdoutSamples();

        /**
         * Fewest samples the window must hold, scored by the current champion, before a candidate is judged; a
         * scheduled candidate waits for them, a forced one is rejected. Default 1,000.
         */
        @WithDefault("1000")
        int minHoldoutSamples();

        /**
         * How much worse (in nats of average log loss over the window) a candidate may be than the champion and
         * still pass; negative demands an improvement. Default 0.002.
         */
        @WithDefault("0.002")
        double margin();

        /**
         * Smallest standard deviation of the candidate's predictions over the window; below it the candidate
         * counts as constant. Default 1e-6.
         */
        @WithDefault("1e-6")
        double minPredictionSpread();

        /** How many gate decisions the registry keeps for {@code GET /v1/models/candidates}. Default 100. */
        @WithDefault("100")
        int historySize();
    }

    interface Search {

        /** Whether K shadow configurations train beside the champion's lineage. Default false. */
        @WithDefault("false")
        boolean enabled();

        /** K: the number of live shadows. Default 4. */
        @WithDefault("4")
        int shadows();

        /**
         * The participation budget, a bound on the shadows' share of CPU: on average this many shadows learn each
         * sample (with K above it, each shadow takes part in a sample with probability budget / K and learns it with
         * weight K / budget). Default 4.
         */
        @WithDefault("4")
        double budget();

        /** The number of recent samples a shadow's paired comparison with the champion covers. Default 10,000. */
        @WithDefault("10000")
        int window();

        /** The paired samples a shadow needs before it can graduate or be retired as worse. Default 200. */
        @WithDefault("200")
        int minExamples();

        /**
         * A shadow graduates when the upper bound of its paired loss difference is below minus this share of the
         * champion's mean loss (0.001 asks for at least 0.1 % better). Default 0.001.
         */
        @WithDefault("0.001")
        double margin();

        /** The samples a shadow may observe without graduating before it is retired. Default 10,000. */
        @WithDefault("10000")
        long lease();

        /** The seed of the proposals and of the participation draws. Default 1. */
        @WithDefault("1")
        long seed();

        /** The searched space. */
        Space space();

        interface Space {

            /**
             * α's range on a log scale, {@code low..high} (as {@code autoloop-learn search} writes it), or {@code none}
             * to keep the champion's α. Default 0.01..1.
             */
            @WithDefault("0.01..1")
            String alpha();

            /** β's range, or {@code none}. Default none (β = 1 is usually good enough, McMahan et al. 2013). */
            @WithDefault("none")
            String beta();

            /** λ1's range (0, the penalty off, is a value too), or {@code none}. Default 0.01..10. */
            @WithDefault("0.01..10")
            String l1();

            /** λ2's range (0, the penalty off, is a value too), or {@code none}. Default 0.1..100. */
            @WithDefault("0.1..100")
            String l2();

            /** The fewest hash bits a shadow may have. Default: {@code features.bits}. */
            Optional<Integer> minBits();

            /** The most hash bits a shadow may have. Default: {@code features.bits}. */
            Optional<Integer> maxBits();

            /**
             * The namespaces whose pairs a shadow may cross (each cross added or removed by a proposal). Default
             * {@code user,item,context}.
             */
            @WithDefault("user,item,context")
            List<String> crossNamespaces();
        }
    }

    interface Registry {

        /**
         * The newest versions kept per lineage; older ones are deleted (bytes, metadata, index entry) after each
         * publish unless an alias, the running experiment or the waiting candidate names them. Default 20.
         */
        @WithDefault("20")
        int keepPerLineage();
    }

    interface Checkpoint {

        /** Cadence of checkpoints between publishes (every publish also checkpoints). Default 10 s. */
        @WithDefault("10s")
        Duration every();
    }

    interface Lease {

        /** Lease time-to-live; the holder renews it every third of it, a standby retries as often. Default 15 s. */
        @WithDefault("15s")
        Duration ttl();
    }

    interface Alert {

        /**
         * How long records may arrive or wait on the topic with no new sample learned, or one partition may keep
         * records waiting without moving, before training counts as stalled (the alert). Default 3 min.
         */
        @WithDefault("3m")
        Duration stallAfter();

        /**
         * How often the active trainer writes its health ({@code TrainerHealth}) to Redis for the router's dashboard,
         * which calls a report stale once three more were due. Default 5 s.
         */
        @WithDefault("5s")
        Duration reportEvery();
    }

    interface Kafka {

        /** Bootstrap servers; application.properties sets it to {@code ${kafka.bootstrap.servers}}. */
        String bootstrapServers();

        /** {@code max.poll.records} of the consumer. Default 2,000. */
        @WithDefault("2000")
        int maxPollRecords();

        /** How long one poll waits for records. Default 200 ms. */
        @WithDefault("200ms")
        Duration pollTimeout();

        /** How long Kafka may take to acknowledge an announcement, an audit entry or a dead letter. Default 10 s. */
        @WithDefault("10s")
        Duration sendTimeout();
    }
}
