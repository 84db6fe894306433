package io.autoloop.contracts.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PseudonymizationTermsTest {

    private static final Pseudonymizer SECRET = new Pseudonymizer("the secret both services share");
    private static final Pseudonymizer OTHER_SECRET = new Pseudonymizer("a secret of another deployment");

    @Test
    void termsOfTheSameSecretAndAppsInAnyOrderAgree() {
        PseudonymizationTerms router = PseudonymizationTerms.of(SECRET, List.of("shop", "news"));
        PseudonymizationTerms collector = PseudonymizationTerms.of(SECRET, List.of("news", "shop"));

        assertThat(collector.disagreementWith(router, "ab-router r1")).isEmpty();
    }

    @Test
    void anotherSecretIsNamedByFingerprintsNeverBySecret() {
        // given the router's terms published, and a collector of another secret
        PseudonymizationTerms router = PseudonymizationTerms.of(SECRET, List.of("shop"));
        PseudonymizationTerms collector = PseudonymizationTerms.of(OTHER_SECRET, List.of("shop"));

        // when the collector compares, then the sentence names the publisher and both fingerprints' beginnings
        assertThat(collector.disagreementWith(router, "ab-router r1"))
                .hasValueSatisfying(sentence -> assertThat(sentence)
                        .startsWith("This service does not pseudonymize as ab-router r1 does: its pseudonymization"
                                + " secret differs (fingerprint "
                                + OTHER_SECRET.fingerprint().substring(0, 8) + "…"
                                + " against " + SECRET.fingerprint().substring(0, 8) + "…)")
                        .endsWith("the same AUTOLOOP_PSEUDONYMIZATION_SECRET and the same app ids.")
                        .doesNotContain("secret both services share", "another deployment"));
    }

    @Test
    void otherAppIdsAreListed() {
        PseudonymizationTerms router = PseudonymizationTerms.of(SECRET, List.of("shop"));
        PseudonymizationTerms collector = PseudonymizationTerms.of(SECRET, List.of("shop", "news"));

        assertThat(collector.disagreementWith(router, "feedback-collector c1"))
                .hasValueSatisfying(
                        sentence -> assertThat(sentence).contains("its app ids [news, shop] differ from [shop]"));
    }

    @Test
    void theAppIdListReadsBackAsTheSameTerms() {
        PseudonymizationTerms terms = PseudonymizationTerms.of(SECRET, List.of("shop", "news", "a.b-c_d"));

        assertThat(terms.appIdList()).isEqualTo("a.b-c_d,news,shop");
        assertThat(PseudonymizationTerms.parse(terms.fingerprint(), terms.appIdList()))
                .isEqualTo(terms);
        assertThat(PseudonymizationTerms.parse(terms.fingerprint(), "").appIds())
                .isEmpty();
    }

    @Test
    void aFingerprintIsSixtyFourHexCharacters() {
        assertThatThrownBy(() -> PseudonymizationTerms.parse("not-a-fingerprint", "shop"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A pseudonymization fingerprint is 64 lower-case hex characters, not 'not-a-fingerprint'.");
    }
}
