package io.autoloop.contracts.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PseudonymizerTest {

    private static final String KNOWN = "a60820faa9224b095800afc893367c98b2333973f11a74c2a15b71ffbaff2550";

    private final Pseudonymizer pseudonymizer = new Pseudonymizer("a-secret-of-enough-length");

    @Test
    void theSameUserOfTheSameAppAlwaysGetsTheSameId() {
        String first = pseudonymizer.pseudonymize("app-1", "alice");
        String again = new Pseudonymizer("a-secret-of-enough-length").pseudonymize("app-1", "alice");

        assertThat(again).isEqualTo(first).hasSize(64).matches("[0-9a-f]+").doesNotContain("alice");
    }

    @Test
    void appsAndSecretsSeparateIds() {
        String base = pseudonymizer.pseudonymize("app-1", "alice");

        assertThat(pseudonymizer.pseudonymize("app-2", "alice")).isNotEqualTo(base);
        assertThat(new Pseudonymizer("another-secret-of-length").pseudonymize("app-1", "alice"))
                .isNotEqualTo(base);
        assertThat(pseudonymizer.pseudonymize("ab", "c")).isNotEqualTo(pseudonymizer.pseudonymize("a", "bc"));
    }

    @Test
    void itMatchesAKnownHmacSha256() {
        // HMAC-SHA256(key="a-secret-of-enough-length", "app-1\u001falice"), computed with Python's hmac module.
        assertThat(pseudonymizer.pseudonymize("app-1", "alice")).isEqualTo(KNOWN);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new Pseudonymizer("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16 bytes");
    }

    @Test
    void theFingerprintIsAKnownKeyedHashThatTellsSecretsApartWithoutTheSecret() {
        // HMAC-SHA256(key="a-secret-of-enough-length", "autoloop pseudonymization fingerprint"), by Python's hmac.
        assertThat(pseudonymizer.fingerprint())
                .isEqualTo("16a62c015f5f2e9308599c9ff909f7619597046eee0b72bc6e2e6e6587cfc339")
                .isEqualTo(new Pseudonymizer("a-secret-of-enough-length").fingerprint())
                .doesNotContain("secret");
        assertThat(new Pseudonymizer("another-secret-of-length").fingerprint())
                .isNotEqualTo(pseudonymizer.fingerprint());
    }

    @Test
    void theFingerprintLeavesPseudonymsUnchanged() {
        pseudonymizer.fingerprint();

        assertThat(pseudonymizer.pseudonymize("app-1", "alice")).isEqualTo(KNOWN);
    }
}
