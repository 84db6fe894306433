package io.autoloop.testing.fuzz;

import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import org.eclipse.microprofile.config.ConfigProvider;

/** The request body limit of the Quarkus service under test ({@code quarkus.http.limits.max-body-size}), in bytes. */
public final class BodyLimit {

    private static final long QUARKUS_DEFAULT = 10_240L * 1024;

    private BodyLimit() {}

    /** The configured limit, or Quarkus' default of 10240K. */
    public static long ofTheServiceUnderTest() {
        return ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asBigInteger)
                .map(BigInteger::longValueExact)
                .orElse(QUARKUS_DEFAULT);
    }
}
