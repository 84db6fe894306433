package io.autoloop.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "localhost"})
    void loopbackHostsAreAllowed(String host) {
        assertThat(Loopback.require(host)).isEqualTo(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "192.168.1.20", "8.8.8.8", "2001:db8::1", "0.0.0.0"})
    void otherHostsAreRefused(String host) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Loopback.require(host))
                .withMessageContaining("loopback");
    }
}
