package io.autoloop.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"http://127.0.0.1:8080", "http://localhost:8081/", "https://127.1.2.3", "http://[::1]:8080"})
    void loopbackUrlsAreAccepted(String url) {
        assertThat(Targets.parse("router", url)).isEqualTo(URI.create(url));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://10.0.0.5:8080",
                "http://example.com",
                "http://localhost.example.com",
                "http://0.0.0.0:8080",
                "ftp://127.0.0.1",
                "127.0.0.1:8080"
            })
    void anyOtherHostIsRefusedWithASentence(String url) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Targets.parse("router", url))
                .withMessageContaining("router URL");
    }

    @Test
    void pathsAreJoinedToTheBaseUrl() {
        Targets targets =
                new Targets(URI.create("http://127.0.0.1:8080/"), URI.create("http://127.0.0.1:8081"), "k", "a");

        assertThat(targets.routerPath("/v1/rank")).isEqualTo(URI.create("http://127.0.0.1:8080/v1/rank"));
        assertThat(targets.collectorPath("/v1/events")).isEqualTo(URI.create("http://127.0.0.1:8081/v1/events"));
    }
}
