package io.autoloop.testing.fuzz;

import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How many hostile requests each endpoint gets and from which seed, from system properties (Maven passes
 * {@code -D} options to the tests): {@code autoloop.fuzz.payloads} (default {@value #DEFAULT_PAYLOADS}: the test suite's
 * bounded run; {@code 10000} is the full run), {@code autoloop.fuzz.seed} (default: a new one each run, printed) and
 * {@code autoloop.fuzz.index} (replay one request of that seed).
 */
public record FuzzSettings(int payloads, long seed, OptionalLong only) {

    /** The count a plain test run sends per endpoint. */
    public static final int DEFAULT_PAYLOADS = 300;

    public FuzzSettings {
        if (payloads < 1) {
            throw new IllegalArgumentException(
                    "autoloop.fuzz.payloads must be at least 1, but it is " + payloads + ".");
        }
    }

    /** The settings the system properties give. */
    public static FuzzSettings fromSystemProperties() {
        String seed = System.getProperty("autoloop.fuzz.seed");
        String index = System.getProperty("autoloop.fuzz.index");
        return new FuzzSettings(
                Integer.getInteger("autoloop.fuzz.payloads", DEFAULT_PAYLOADS),
                seed == null ? ThreadLocalRandom.current().nextLong() : Long.parseLong(seed),
                index == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(index)));
    }

    /** The Maven options that make this run again. */
    public String replay() {
        return "-Dautoloop.fuzz.seed=" + seed + " -Dautoloop.fuzz.payloads=" + payloads;
    }
}
