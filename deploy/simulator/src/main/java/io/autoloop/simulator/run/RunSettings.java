package io.autoloop.simulator.run;

import io.autoloop.simulator.http.CollectorClient;
import java.time.Duration;

/**
 * How a run paces and batches its traffic.
 *
 * @param rate the most ranking requests per second
 * @param duration how long to dispatch requests; null for no bound
 * @param maxRequests how many ranking requests to dispatch at most; 0 for no bound
 * @param speed replay only: how many times faster than logged the log is replayed; null to ignore log times
 * @param threads ranking requests in flight at most
 * @param batchSize events per request to the collector, 1–500
 * @param linger how long a batch waits for more events after its first
 * @param progressEvery time between two progress lines
 * @param experimentEvery time between two reads of the router's experiments
 * @param model the model whose experiment the progress line shows (the router holds the experiments of every model)
 */
public record RunSettings(
        double rate,
        Duration duration,
        long maxRequests,
        Double speed,
        int threads,
        int batchSize,
        Duration linger,
        Duration progressEvery,
        Duration experimentEvery,
        String model) {

    public RunSettings {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("--model must name a model, e.g. ctr.");
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(
                    "--rate must be a positive number of requests per second, but it is " + rate + ".");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("--duration must be positive, but it is " + duration + ".");
        }
        if (maxRequests < 0) {
            throw new IllegalArgumentException("--requests must not be negative, but it is " + maxRequests + ".");
        }
        if (speed != null && !(speed > 0)) {
            throw new IllegalArgumentException("--speed must be a positive factor, but it is " + speed + ".");
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("--threads must be 1 to 256, but it is " + threads + ".");
        }
        if (batchSize < 1 || batchSize > CollectorClient.MAX_BATCH) {
            throw new IllegalArgumentException(
                    "--batch-size must be 1 to " + CollectorClient.MAX_BATCH + ", but it is " + batchSize + ".");
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("--linger must not be negative, but it is " + linger + ".");
        }
    }
}
