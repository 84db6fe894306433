package io.autoloop.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.contracts.auth.ApiKeys;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyRingTest {

    private static final String SHOP_KEY = "shop-key-123";
    private static final String NEWS_KEY = "news-key-456";
    private static final String ADMIN_KEY = "admin-key-789";

    private final KeyRing keys = KeyRing.of(
            Map.of("shop", ApiKeys.hashOf(SHOP_KEY), "news", ApiKeys.hashOf(NEWS_KEY)),
            Optional.of(ApiKeys.hashOf(ADMIN_KEY)));

    @Test
    void anAppKeyIsItsAppWithTheAppRole() {
        assertThat(keys.callerOf(SHOP_KEY)).contains(new Caller("shop", Roles.APP));
        assertThat(keys.callerOf(NEWS_KEY)).contains(new Caller("news", Roles.APP));
    }

    @Test
    void theAdminKeyIsTheAdminNamedAdminWithTheAdminRole() {
        assertThat(keys.callerOf(ADMIN_KEY)).contains(new Caller(KeyRing.ADMIN, Roles.ADMIN));
    }

    @Test
    void namedAdminsAreTheirOwnActors() {
        // given two admins, each with a key of their own
        KeyRing named = new KeyRing(
                new ApiKeys(Map.of()),
                new ApiKeys(Map.of("alice", ApiKeys.hashOf("alice-key"), "bob", ApiKeys.hashOf("bob-key"))));

        // when each presents their key, then each is the caller under their own name
        assertThat(named.callerOf("alice-key")).contains(new Caller("alice", Roles.ADMIN));
        assertThat(named.callerOf("bob-key")).contains(new Caller("bob", Roles.ADMIN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "unknown", "SHOP-KEY-123", "admin-key-78"})
    void anyOtherKeyIsNoCaller(String key) {
        assertThat(keys.callerOf(key)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void aBlankAdminHashMeansNoAdminKey(String adminHash) {
        // given the admin hash left empty, as an unset environment variable leaves it
        KeyRing withoutAdmin = KeyRing.of(Map.of("shop", ApiKeys.hashOf(SHOP_KEY)), Optional.of(adminHash));

        // then no key is an admin's, and app keys still work
        assertThat(withoutAdmin.callerOf(ADMIN_KEY)).isEmpty();
        assertThat(withoutAdmin.callerOf(SHOP_KEY)).contains(new Caller("shop", Roles.APP));
    }

    @Test
    void configuredNamedAdminsAreTheirOwnActorsBesideTheUnnamedAdmin() {
        // given the unnamed admin key and alice's
        KeyRing ring = KeyRing.of(
                Map.of("shop", ApiKeys.hashOf(SHOP_KEY)),
                Optional.of(ApiKeys.hashOf(ADMIN_KEY)),
                Map.of("alice", ApiKeys.hashOf("alice-key")));

        // then each key is its own actor
        assertThat(ring.callerOf("alice-key")).contains(new Caller("alice", Roles.ADMIN));
        assertThat(ring.callerOf(ADMIN_KEY)).contains(new Caller(KeyRing.ADMIN, Roles.ADMIN));
        assertThat(ring.callerOf(SHOP_KEY)).contains(new Caller("shop", Roles.APP));
    }

    @Test
    void aNamedAdminCalledAdminBesideTheUnnamedKeyIsRefused() {
        assertThatThrownBy(() -> KeyRing.of(
                        Map.of(), Optional.of(ApiKeys.hashOf(ADMIN_KEY)), Map.of("admin", ApiKeys.hashOf("other-key"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("give that admin another name");
    }

    @Test
    void noKeysKnowNoCaller() {
        assertThat(KeyRing.NONE.callerOf(SHOP_KEY)).isEmpty();
    }
}
