package io.autoloop.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.contracts.auth.ApiKeys;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfiguredCredentialsTest {

    private static final String OWN_SECRET = "a secret of the operator's own";

    @Test
    void productionRefusesThePublishedSecretNamingTheProperty() {
        assertThatThrownBy(() -> ConfiguredCredentials.production()
                        .secret(
                                "collector.pseudonymization-secret",
                                Optional.of(ConfiguredCredentials.PUBLISHED_SECRET)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("collector.pseudonymization-secret is the development secret published")
                .hasMessageContaining("AUTOLOOP_PSEUDONYMIZATION_SECRET");
    }

    @Test
    void developmentAcceptsThePublishedSecret() {
        assertThat(ConfiguredCredentials.development()
                        .secret("router.pseudonymization-secret", Optional.of(ConfiguredCredentials.PUBLISHED_SECRET)))
                .isEqualTo(ConfiguredCredentials.PUBLISHED_SECRET);
    }

    @Test
    void productionAcceptsASecretOfItsOwn() {
        assertThat(ConfiguredCredentials.production().secret("router.pseudonymization-secret", Optional.of(OWN_SECRET)))
                .isEqualTo(OWN_SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void everyProfileRefusesToRunWithoutASecret(String blank) {
        for (ConfiguredCredentials check :
                new ConfiguredCredentials[] {ConfiguredCredentials.production(), ConfiguredCredentials.development()}) {
            assertThatThrownBy(() -> check.secret("router.pseudonymization-secret", Optional.of(blank)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("No pseudonymization secret is configured")
                    .hasMessageContaining("router.pseudonymization-secret");
            assertThatThrownBy(() -> check.secret("router.pseudonymization-secret", Optional.empty()))
                    .hasMessageStartingWith("No pseudonymization secret is configured");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "autoloop-dev-key",
                "autoloop-dev-admin-key",
                "autoloop-test-limited-key",
                "autoloop-test-alice-admin-key"
            })
    void productionRefusesTheHashOfEachPublishedKeyInEitherCase(String publishedKey) {
        String hash = ApiKeys.hashOf(publishedKey);

        for (String spelling : new String[] {hash, hash.toUpperCase(Locale.ROOT)}) {
            assertThatThrownBy(() -> ConfiguredCredentials.production().keyHash("router.admin-key-hash", spelling))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("router.admin-key-hash is the hash of the key '" + publishedKey + "'")
                    .hasMessageContaining("printf %s KEY | sha256sum");
        }
    }

    @Test
    void productionNamesTheAppWhoseKeyHashIsPublished() {
        // given one app with a key of its own and one with the development key
        Map<String, String> hashes =
                Map.of("shop", ApiKeys.hashOf("shop-key-123"), "demo", ApiKeys.hashOf("autoloop-dev-key"));

        // then the check names the property of the second
        assertThatThrownBy(() -> ConfiguredCredentials.production().keyHashes("collector.api-keys", hashes))
                .hasMessageStartingWith("collector.api-keys.\"demo\" is the hash of the key 'autoloop-dev-key'");
    }

    @Test
    void productionRefusesAPublishedHashAmongTheKeysOfARotation() {
        String rotation = ApiKeys.hashOf("shop-key-123") + "," + ApiKeys.hashOf("autoloop-dev-key");

        assertThatThrownBy(() -> ConfiguredCredentials.production().keyHash("router.api-keys.\"shop\"", rotation))
                .hasMessageStartingWith("router.api-keys.\"shop\" is the hash of the key 'autoloop-dev-key'");
    }

    @Test
    void productionAcceptsKeysOfItsOwnAndDevelopmentAcceptsThePublishedOnes() {
        assertThatCode(() -> ConfiguredCredentials.production()
                        .keyHashes("collector.api-keys", Map.of("shop", ApiKeys.hashOf("shop-key-123"))))
                .doesNotThrowAnyException();
        assertThatCode(() -> ConfiguredCredentials.development()
                        .keyHashes("collector.api-keys", Map.of("demo", ApiKeys.hashOf("autoloop-dev-key"))))
                .doesNotThrowAnyException();
    }
}
