package io.autoloop.router.domain.guardrail;

/** The health checks a challenger must keep passing; failing one for too many analyses in a row rolls it back. */
public enum Guardrail {
    /** The share of the challenger's ranking requests that failed. */
    ERROR_RATE,
    /** The challenger's 99th-percentile ranking latency, in milliseconds. */
    P99_LATENCY,
    /** Observed clicks over predicted clicks of the challenger's model version. */
    CALIBRATION
}
