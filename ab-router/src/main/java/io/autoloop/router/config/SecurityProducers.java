package io.autoloop.router.config;

import io.autoloop.contracts.auth.ApiKeys;
import io.autoloop.contracts.privacy.Pseudonymizer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import java.util.Map;

/** Builds the pseudonymizer and the credential checks from {@link RouterConfig}, failing at startup when unset. */
@ApplicationScoped
public class SecurityProducers {

    /** The app id the admin credential resolves to, used as the actor of admin actions. */
    public static final String ADMIN = "admin";

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

    @Produces
    @ApplicationScoped
    @Named("apps")
    ApiKeys appKeys(RouterConfig config) {
        return new ApiKeys(config.apiKeys());
    }

    @Produces
    @ApplicationScoped
    @Named("admin")
    ApiKeys adminKeys(RouterConfig config) {
        return new ApiKeys(config.adminKeyHash()
                .filter(hash -> !hash.isBlank())
                .map(hash -> Map.of(ADMIN, hash))
                .orElse(Map.of()));
    }
}
