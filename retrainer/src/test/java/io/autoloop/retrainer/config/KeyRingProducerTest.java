package io.autoloop.retrainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.contracts.auth.ApiKeys;
import io.autoloop.platform.auth.Caller;
import io.autoloop.platform.auth.ConfiguredCredentials;
import io.autoloop.platform.auth.KeyRing;
import io.autoloop.platform.auth.Roles;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyRingProducerTest {

    private static final String ADMIN_KEY = "autoloop-dev-admin-key";

    @Test
    void withoutAnAdminKeyHashTheServiceDoesNotStart() {
        assertThatThrownBy(
                        () -> new KeyRingProducer().keys(config(Optional.empty()), ConfiguredCredentials.development()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("retrainer.admin-key-hash")
                .hasMessageContaining("AUTOLOOP_ADMIN_KEY_HASH");
    }

    @Test
    void theAdminKeyIsTheAdminAndNoAppKeyIsKnown() {
        KeyRing keys = new KeyRingProducer()
                .keys(config(Optional.of(ApiKeys.hashOf(ADMIN_KEY))), ConfiguredCredentials.development());

        assertThat(keys.callerOf(ADMIN_KEY)).contains(new Caller(KeyRing.ADMIN, Roles.ADMIN));
        assertThat(keys.callerOf("autoloop-dev-key")).isEmpty();
    }

    @Test
    void outsideDevelopmentTheHashOfThePublishedAdminKeyDoesNotStartTheService() {
        // given the development admin key's hash, in a production profile
        RetrainerConfig published = config(Optional.of(ApiKeys.hashOf(ADMIN_KEY)));

        // then the producer refuses it, naming the property
        assertThatThrownBy(() -> new KeyRingProducer().keys(published, ConfiguredCredentials.production()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("retrainer.admin-key-hash is the hash of the key '" + ADMIN_KEY + "'");
    }

    /** A configuration that answers {@code adminKeyHash()} and no named admin, the settings the producer reads. */
    private static RetrainerConfig config(Optional<String> adminKeyHash) {
        return (RetrainerConfig) Proxy.newProxyInstance(
                RetrainerConfig.class.getClassLoader(),
                new Class<?>[] {RetrainerConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("adminKeyHash")) {
                        return adminKeyHash;
                    }
                    if (method.getName().equals("adminKeys")) {
                        return Map.of();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
