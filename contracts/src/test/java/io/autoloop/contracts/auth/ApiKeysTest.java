package io.autoloop.contracts.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeysTest {

    private final ApiKeys keys = new ApiKeys(Map.of(
            "shop",
            ApiKeys.hashOf("shop-key-123"),
            "news",
            ApiKeys.hashOf("news-key-456").toUpperCase()));

    @Test
    void aConfiguredKeyResolvesToItsOwner() {
        assertThat(keys.ownerOf("shop-key-123")).contains("shop");
        assertThat(keys.ownerOf("news-key-456")).contains("news");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "shop-key-12", "SHOP-KEY-123", "unknown"})
    void anyOtherKeyResolvesToNoOwner(String presented) {
        assertThat(keys.ownerOf(presented)).isEmpty();
    }

    @Test
    void whileAKeyRotatesTheOldAndTheNewKeyBothResolveToTheApp() {
        // given the shop's old and new keys, configured together while apps move to the new one
        ApiKeys rotating = new ApiKeys(Map.of(
                "shop",
                ApiKeys.hashOf("shop-key-old") + ", "
                        + ApiKeys.hashOf("shop-key-new").toUpperCase()));

        // then each resolves to the shop, and nothing else does
        assertThat(rotating.ownerOf("shop-key-old")).contains("shop");
        assertThat(rotating.ownerOf("shop-key-new")).contains("shop");
        assertThat(rotating.ownerOf("shop-key-older")).isEmpty();
    }

    @Test
    void anEmptyHashInAListIsRefusedAtConfiguration() {
        assertThatThrownBy(() -> new ApiKeys(Map.of("shop", ApiKeys.hashOf("shop-key-old") + ",")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'shop'");
    }

    @Test
    void hashOfMatchesSha256sum() {
        // printf %s dev-key | sha256sum
        assertThat(ApiKeys.hashOf("dev-key"))
                .isEqualTo("7e9f8fd111802be56c379d597842e29b2cebd35ff2133d431a49fa556a18704e");
    }

    @Test
    void aMalformedHashIsRefusedAtConfiguration() {
        assertThatThrownBy(() -> new ApiKeys(Map.of("shop", "not-a-hash")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'shop'")
                .hasMessageContaining("64 hex characters");
    }
}
