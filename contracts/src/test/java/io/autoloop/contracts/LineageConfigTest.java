package io.autoloop.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineageConfigTest {

    private static final LineageConfig DEFAULT = new LineageConfig(22, List.of("user*item"), 0.1, 1.0, 0.0, 0.0, 1);

    @Test
    void theFingerprintIsStableAcrossRuns() {
        assertThat(DEFAULT.canonical())
                .isEqualTo("bits=22;crosses=user*item;alpha=0.1;beta=1.0;l1=0.0;l2=0.0;labelling=1");
        assertThat(DEFAULT.fingerprint())
                .isEqualTo(new LineageConfig(22, List.of("user*item"), 0.1, 1.0, 0.0, 0.0, 1).fingerprint())
                .hasSize(16)
                .matches("[0-9a-f]{16}");
    }

    @Test
    void everyFieldChangesTheFingerprint() {
        List<LineageConfig> changed = List.of(
                new LineageConfig(21, List.of("user*item"), 0.1, 1.0, 0.0, 0.0, 1),
                new LineageConfig(22, List.of(), 0.1, 1.0, 0.0, 0.0, 1),
                new LineageConfig(22, List.of("user*item", "user*context"), 0.1, 1.0, 0.0, 0.0, 1),
                new LineageConfig(22, List.of("user*item"), 0.2, 1.0, 0.0, 0.0, 1),
                new LineageConfig(22, List.of("user*item"), 0.1, 0.5, 0.0, 0.0, 1),
                new LineageConfig(22, List.of("user*item"), 0.1, 1.0, 0.001, 0.0, 1),
                new LineageConfig(22, List.of("user*item"), 0.1, 1.0, 0.0, 0.001, 1),
                new LineageConfig(22, List.of("user*item"), 0.1, 1.0, 0.0, 0.0, 2));
        assertThat(changed.stream().map(LineageConfig::fingerprint))
                .doesNotContain(DEFAULT.fingerprint())
                .doesNotHaveDuplicates();
    }

    @Test
    void aLineageIdMustBeItsConfigurationsFingerprint() {
        assertThatThrownBy(() -> new Lineage(
                        1, "ctr", new LineageRef("0000000000000000", "default"), DEFAULT, 1, Instant.EPOCH, "config"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DEFAULT.fingerprint());
    }
}
