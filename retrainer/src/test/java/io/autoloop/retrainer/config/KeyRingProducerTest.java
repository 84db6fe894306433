package io.autoloop.retrainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.contracts.auth.ApiKeys;
import io.autoloop.platform.auth.Caller;
import io.autoloop.platform.auth.KeyRing;
import io.autoloop.platform.auth.Roles;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyRingProducerTest {

    private static final String ADMIN_KEY = "autoloop-dev-admin-key";

    @Test
    void withoutAnAdminKeyHashTheServiceDoesNotStart() {
        assertThatThrownBy(() -> new KeyRingProducer().keys(config(Optional.empty())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("retrainer.admin-key-hash")
                .hasMessageContaining("AUTOLOOP_ADMIN_KEY_HASH");
    }

    @Test
    void theAdminKeyIsTheAdminAndNoAppKeyIsKnown() {
        KeyRing keys = new KeyRingProducer().keys(config(Optional.of(ApiKeys.hashOf(ADMIN_KEY))));

        assertThat(keys.callerOf(ADMIN_KEY)).contains(new Caller(KeyRing.ADMIN, Roles.ADMIN));
        assertThat(keys.callerOf("autoloop-dev-key")).isEmpty();
    }

    /** A configuration that answers only {@code adminKeyHash()}, the one setting the producer reads. */
    private static RetrainerConfig config(Optional<String> adminKeyHash) {
        return (RetrainerConfig) Proxy.newProxyInstance(
                RetrainerConfig.class.getClassLoader(),
                new Class<?>[] {RetrainerConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("adminKeyHash")) {
                        return adminKeyHash;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
