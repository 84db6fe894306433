package io.autoloop.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Bearer shop-key",
                "bearer shop-key",
                "BEARER shop-key",
                "Bearer   shop-key",
                "  Bearer shop-key  ",
                "Bearer\tshop-key"
            })
    void theTokenIsReadWhateverTheSchemesCaseAndTheSurroundingSpaces(String header) {
        // given a bearer header in any of its accepted spellings
        // when it is read
        // then the token comes out without the scheme or the spaces
        assertThat(BearerToken.in(header)).contains("shop-key");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {"   ", "Bearer", "Bearer ", "Bearer    ", "Bearershop-key", "Basic c2hvcDprZXk=", "shop-key"})
    void noTokenIsReadFromAnAbsentEmptyOrOtherSchemeHeader(String header) {
        // given a header that carries no bearer token
        // when it is read
        // then there is no token, so the request stays anonymous
        assertThat(BearerToken.in(header)).isEmpty();
    }
}
