package io.autoloop.router.config;

import io.autoloop.contracts.privacy.Pseudonymizer;
import io.autoloop.platform.auth.KeyRing;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;

/**
 * Builds the pseudonymizer and the keys the shared credential check accepts from {@link RouterConfig}, failing at
 * startup when the secret is unset or a key hash is malformed.
 */
@ApplicationScoped
public class SecurityProducers {

    @Produces
    @ApplicationScoped
    Pseudonymizer pseudonymizer(RouterConfig config) {
        return new Pseudonymizer(secretOf(config));
    }

    /** Refuses to start without a pseudonymization secret, rather than failing the first ranking request. */
    void checkSecret(@Observes StartupEvent event, RouterConfig config) {
        new Pseudonymizer(secretOf(config));
    }

    private static String secretOf(RouterConfig config) {
        return config.pseudonymizationSecret()
                .filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalStateException("No pseudonymization secret is configured: set"
                        + " AUTOLOOP_PSEUDONYMIZATION_SECRET (router.pseudonymization-secret) to the value the"
                        + " feedback-collector uses."));
    }

    /**
     * App keys for {@code POST /v1/rank} and the admin key (actor {@link KeyRing#ADMIN}) for the experiment API; without
     * an admin hash every admin call is refused.
     */
    @Produces
    @ApplicationScoped
    @Startup
    KeyRing keys(RouterConfig config) {
        return KeyRing.of(config.apiKeys(), config.adminKeyHash());
    }
}
