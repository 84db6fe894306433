package io.autoloop.collector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.collector.testing.Api;
import io.autoloop.contracts.Problem;
import io.autoloop.testing.OversizedBody;
import io.autoloop.testing.OversizedBody.Framing;
import io.autoloop.testing.WithheldBody;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The body limit of {@code POST /v1/events} (512 KiB), for bodies that declare their length and bodies sent chunked. */
@QuarkusTest
class BodyLimitTest {

    private static final Map<String, String> APP_KEY = Map.of("Authorization", "Bearer " + Api.DEMO_KEY);

    @ParameterizedTest
    @EnumSource(Framing.class)
    void aBodyOverTheLimitIsAnsweredWithAProblemNamingTheLimit(Framing framing) {
        // Given a client that sends 600 kB, all of it, before it reads the answer
        // When it posts with the app's key
        WithheldBody.Answer answer = OversizedBody.post("/v1/events", 600_000, framing, APP_KEY);

        // Then it hears a 413 problem that names the limit, and the connection ends
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.headers()).containsEntry("content-type", Problem.MEDIA_TYPE);
        assertThat(answer.body()).contains("at most 524288", "\"field\":\"$\"");
        assertThat(answer.closed()).isTrue();
    }

    @Test
    void aChunkedBodyWithinTheLimitReachesTheEndpoint() {
        // Given a chunked body of 100 kB: an object without events
        WithheldBody.Answer answer = OversizedBody.post("/v1/events", 100_000, Framing.CHUNKED, APP_KEY);

        // Then the collector read it whole: 400 for the missing events, not 413
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("events");
    }

    @Test
    void aChunkedBodyWithoutAKeyIsRefusedWithoutBeingRead() {
        WithheldBody.Answer answer = OversizedBody.post("/v1/events", 600_000, Framing.CHUNKED, Map.of());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.headers()).containsEntry("content-type", Problem.MEDIA_TYPE);
    }
}
