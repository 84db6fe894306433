package io.autoloop.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void anOpenRunNeedsARateAndKeepsEverythingElse() {
        Options options = Options.parse(new String[] {
            "--mode", "open", "--url", "http://127.0.0.1:8081/v1/events", "--rate", "1000",
            "--header", "Authorization: Bearer k", "--body", "feedback-events:1", "--duration", "20s",
            "--warmup", "500ms", "--connections", "32"
        });

        assertThat(options.rate()).isEqualTo(1000);
        assertThat(options.headers()).containsExactly("Authorization: Bearer k");
        assertThat(options.bodyKind()).isEqualTo("feedback-events");
        assertThat(options.bodyArgument()).isEqualTo("1");
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.connections()).isEqualTo(32);
        assertThat(options.maxRequests()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void openWithoutRateIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Options.parse(new String[] {"--mode", "open", "--url", "http://127.0.0.1:1/"}))
                .withMessageContaining("--rate");
    }

    @Test
    void aRemoteTargetIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Options.parse(new String[] {"--mode", "closed", "--url", "http://10.1.1.1:8081/"}))
                .withMessageContaining("loopback");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Options.parse(new String[] {"--mode", "kafka", "--bootstrap", "10.1.1.1:9092"}))
                .withMessageContaining("loopback");
    }

    @Test
    void runsAreBoundedInTime() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Options.parse(
                        new String[] {"--mode", "closed", "--url", "http://127.0.0.1:1/", "--duration", "11m"}))
                .withMessageContaining("10 minutes");
    }

    @Test
    void unknownOptionsAreRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Options.parse(new String[] {"--mode", "closed", "--threads", "4"}))
                .withMessageContaining("--threads");
    }

    @Test
    void producerSettingsOverrideTheCollectorDefaults() {
        Options options = Options.parse(
                new String[] {"--mode", "kafka", "--producer", "linger.ms=20", "--producer", "compression.type=zstd"});

        assertThat(Runs.producerSettings(options))
                .containsEntry("linger.ms", "20")
                .containsEntry("compression.type", "zstd")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true");
    }
}
