package io.autoloop.retrainer.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.contracts.auth.ApiKeys;
import io.autoloop.retrainer.config.RetrainerConfig;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AdminCredentialTest {

    private static final String ADMIN_KEY = "autoloop-dev-admin-key";

    @Test
    void withoutAnAdminKeyHashTheServiceDoesNotStart() {
        assertThatThrownBy(() -> new AdminCredential(config(Optional.empty())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("retrainer.admin-key-hash")
                .hasMessageContaining("AUTOLOOP_ADMIN_KEY_HASH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer " + ADMIN_KEY, "bearer " + ADMIN_KEY, "Bearer  " + ADMIN_KEY + " "})
    void theAdminKeyAsABearerTokenIsTheAdmin(String header) {
        AdminCredential credential = new AdminCredential(config(Optional.of(ApiKeys.hashOf(ADMIN_KEY))));

        assertThat(credential.authenticate(header)).isEqualTo("admin");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Basic YWRtaW46YWRtaW4=", "Bearer ", "Bearer autoloop-dev-key", ADMIN_KEY})
    void anythingElseIsUnauthorized(String header) {
        AdminCredential credential = new AdminCredential(config(Optional.of(ApiKeys.hashOf(ADMIN_KEY))));

        assertThatThrownBy(() -> credential.authenticate(header))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(401);
                    assertThat(problem.headers()).containsKey("WWW-Authenticate");
                });
    }

    /** A configuration that answers only {@code adminKeyHash()}, the one setting the credential reads. */
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
