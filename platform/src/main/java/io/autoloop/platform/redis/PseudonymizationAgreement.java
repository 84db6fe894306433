package io.autoloop.platform.redis;

import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.privacy.PseudonymizationTerms;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps one service's {@link PseudonymizationTerms} agreed with those of the other feedback-collectors and ab-routers of
 * its scope: consumes the terms in force at {@link RedisKeys#pseudonymization} and produces a {@link Verdict}. Each
 * {@link #check()} publishes this service's terms when none are in force and otherwise compares them with those in
 * force, refreshing their expiry ({@link #TTL}) when they agree; {@link #start()} checks at once and every
 * {@link #INTERVAL} after, so the terms in force expire once no agreeing service is left, and a deployment that
 * changes its secret as a whole starts afresh. The service whose terms differ, the later one, refuses to serve: its
 * readiness check reports the verdict's sentence, and a log line says it each time the verdict changes.
 *
 * <p>While Redis cannot be reached the last verdict stands; before the first answer the service serves (its
 * pseudonyms are as good as its secret, and Redis' absence must not stop ranking). A plain class, built by each
 * service over its Redis client; a check blocks for at most the timeout it was built with.
 */
public final class PseudonymizationAgreement implements AutoCloseable {

    /** How long the terms in force outlive the last refresh by a service that agrees with them. */
    public static final Duration TTL = Duration.ofMinutes(1);

    /** How often a running service checks its terms again, and so refreshes the terms in force. */
    public static final Duration INTERVAL = Duration.ofSeconds(15);

    private static final Logger LOG = Logger.getLogger(PseudonymizationAgreement.class);

    /**
     * KEYS terms; ARGV fingerprint, app ids, publisher, ttl ms. Publishes the terms when none are in force, refreshes
     * the expiry when they equal those in force, and answers the terms in force: fingerprint, app ids, publisher.
     */
    private static final LuaScript PUBLISH_OR_COMPARE = LuaScript.of("""
            local held = redis.call('HMGET', KEYS[1], 'fingerprint', 'app-ids', 'publisher')
            if not held[1] or not held[2] or not held[3] then
              redis.call('DEL', KEYS[1])
              redis.call('HSET', KEYS[1], 'fingerprint', ARGV[1], 'app-ids', ARGV[2], 'publisher', ARGV[3])
              redis.call('PEXPIRE', KEYS[1], ARGV[4])
              return {ARGV[1], ARGV[2], ARGV[3]}
            end
            if held[1] == ARGV[1] and held[2] == ARGV[2] then
              redis.call('PEXPIRE', KEYS[1], ARGV[4])
            end
            return held
            """);

    /**
     * Whether the service may serve as far as pseudonymization goes, and why, as a sentence.
     *
     * @param refused true when its terms differ from those in force
     */
    public record Verdict(boolean refused, String sentence) {}

    private final Redis redis;
    private final Duration timeout;
    private final String key;
    private final String publisher;
    private final PseudonymizationTerms terms;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pseudonymization-agreement");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Verdict verdict;

    /**
     * The agreement of {@code publisher} (a service and its instance, as {@link #publisherOf} names it), pseudonymizing
     * on {@code terms}, with the services of {@code scope}; each check waits at most {@code timeout} for Redis.
     */
    public PseudonymizationAgreement(
            Redis redis, Duration timeout, String scope, String publisher, PseudonymizationTerms terms) {
        this.redis = Objects.requireNonNull(redis, "The agreement needs the Redis client the terms are kept in.");
        this.timeout = Objects.requireNonNull(timeout, "The agreement needs a timeout for its Redis calls.");
        this.key = RedisKeys.pseudonymization(scope);
        this.publisher = publisher;
        this.terms = terms;
        this.verdict =
                new Verdict(false, "Not checked yet: the pseudonymization terms in force are read when Redis answers.");
    }

    /** The name of this instance of {@code service} as a publisher: the service, its process id and host. */
    public static String publisherOf(String service) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return service + " " + ProcessHandle.current().pid() + "@" + host;
    }

    /** Checks now and then every {@link #INTERVAL} on a thread of its own, until {@link #close()}. */
    public void start() {
        checks.scheduleWithFixedDelay(this::check, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Publishes this service's terms, or compares them with those in force, and records the verdict; when Redis does
     * not answer within the timeout the last verdict stands.
     */
    public Verdict check() {
        Response held;
        try {
            held = PUBLISH_OR_COMPARE.call(
                    redis,
                    timeout,
                    List.of(key),
                    List.of(terms.fingerprint(), terms.appIdList(), publisher, TTL.toMillis()));
        } catch (RuntimeException unreachable) {
            LOG.debugf("The pseudonymization terms could not be checked: %s", unreachable.getMessage());
            return verdict;
        }
        PseudonymizationTerms inForce =
                PseudonymizationTerms.parse(held.get(0).toString(), held.get(1).toString());
        String inForceBy = held.get(2).toString();
        Verdict next = terms.disagreementWith(inForce, inForceBy)
                .map(sentence -> new Verdict(true, sentence))
                .orElseGet(() -> new Verdict(
                        false, "This service pseudonymizes as the terms in force, published by " + inForceBy + "."));
        record(next);
        return next;
    }

    /** The latest verdict. */
    public Verdict verdict() {
        return verdict;
    }

    private synchronized void record(Verdict next) {
        if (next.refused() && !verdict.refused()) {
            LOG.errorf("Refusing to serve: %s", next.sentence());
        } else if (!next.refused() && verdict.refused()) {
            LOG.infof("Serving again: %s", next.sentence());
        }
        verdict = next;
    }

    /** Stops the periodic checks; the terms in force expire by themselves. */
    @Override
    public void close() {
        checks.shutdownNow();
    }
}
