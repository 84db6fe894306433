package io.autoloop.router.domain.guardrail;

/**
 * The challenger's health over the last analysis interval, as the router measured it and the error-analyzer reported
 * it.
 *
 * @param requests ranking requests served on the challenger arm in the interval
 * @param errors those that failed
 * @param p99LatencyMillis the challenger's 99th-percentile ranking latency, null when unknown
 * @param calibrationSamples the samples behind the latest error report of the challenger's version
 * @param calibration observed clicks over predicted clicks in that report, null when unknown
 */
public record ChallengerHealth(
        long requests, long errors, Double p99LatencyMillis, long calibrationSamples, Double calibration) {

    /** Nothing measured. */
    public static final ChallengerHealth UNKNOWN = new ChallengerHealth(0, 0, null, 0, null);
}
