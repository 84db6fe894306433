package io.autoloop.collector.config;

import io.autoloop.collector.domain.EventRules;
import io.autoloop.collector.domain.EventValidator;
import io.autoloop.collector.domain.EventsRequestParser;
import io.autoloop.collector.domain.Intake;
import io.autoloop.contracts.input.InputRules;
import io.autoloop.contracts.privacy.Pseudonymizer;
import io.autoloop.platform.auth.ConfiguredCredentials;
import io.autoloop.platform.auth.KeyRing;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the collector's plain-Java collaborators from {@link CollectorConfig} and checks at startup that the
 * configuration is usable, its credentials among it ({@link ConfiguredCredentials}), failing with a sentence that says
 * what to set.
 */
@Singleton
public class CollectorBeans {

    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The apps' API keys, the only keys the collector accepts (it has no admin endpoint). */
    @Produces
    @Singleton
    KeyRing keys(CollectorConfig config, ConfiguredCredentials credentials) {
        if (config.apiKeys().isEmpty()) {
            throw new IllegalStateException("No API key is configured, so no app could send events: set"
                    + " collector.api-keys.\"<appId>\" to the SHA-256 of each app's key (printf %s KEY | sha256sum).");
        }
        config.apiKeys().keySet().forEach(CollectorBeans::checkAppId);
        config.rateLimit().perApp().keySet().forEach(CollectorBeans::checkAppId);
        credentials.keyHashes("collector.api-keys", config.apiKeys());
        return KeyRing.of(config.apiKeys(), Optional.empty());
    }

    @Produces
    @Singleton
    Pseudonymizer pseudonymizer(CollectorConfig config, ConfiguredCredentials credentials) {
        return new Pseudonymizer(
                credentials.secret("collector.pseudonymization-secret", config.pseudonymizationSecret()));
    }

    @Produces
    @Singleton
    Intake intake(CollectorConfig config, Pseudonymizer pseudonymizer) {
        CollectorConfig.Limits limits = config.limits();
        InputRules input;
        try {
            input = new InputRules(
                    limits.maxMagnitude(), limits.maxFeatures(), limits.maxNameLength(), limits.maxStringLength());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "collector.limits.max-magnitude, max-features, max-name-length and"
                            + " max-string-length cannot work: " + e.getMessage(),
                    e);
        }
        EventRules rules = new EventRules(
                input, config.validation().maxFuture(), config.validation().maxAge());
        return new Intake(
                new EventsRequestParser(limits.maxEvents(), limits.maxRequestBytes(), limits.maxEventBytes()),
                new EventValidator(rules),
                pseudonymizer);
    }

    @Produces
    @Singleton
    InstantSource clock() {
        return InstantSource.system();
    }

    /** Creates the beans that check the configuration, so a bad one stops the service at startup. */
    void checkAtStartup(@Observes StartupEvent started, KeyRing keys, Intake intake) {
        // Injecting them is the check: their producers throw on a configuration that cannot work.
    }

    private static void checkAppId(String appId) {
        if (!APP_ID.matcher(appId).matches()) {
            throw new IllegalStateException("The app id '" + appId + "' in collector.* must be 1 to 64 letters,"
                    + " digits, '.', '_' or '-'; it becomes part of Redis keys.");
        }
    }
}
