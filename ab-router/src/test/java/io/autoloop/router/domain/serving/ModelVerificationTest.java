package io.autoloop.router.domain.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.learner.ModelSnapshot;
import io.autoloop.router.testing.TestModels;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;

class ModelVerificationTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private final TestModels.Built model = TestModels.build("ctr", "1.1.0", CREATED);

    @Test
    void verifiedBytesScoreLikeTheTrainedModel() {
        ModelSnapshot snapshot = ModelVerification.verify(model.metadata(), model.bytes());

        Map<String, Map<String, Object>> favourite = Map.of("item", Map.of("id", TestModels.FAVOURITE));
        assertThat(snapshot.predict(favourite)).isEqualTo(model.snapshot().predict(favourite));
        assertThat(snapshot.predict(favourite))
                .isGreaterThan(0.8)
                .isGreaterThan(snapshot.predict(Map.of("item", Map.of("id", "other-1"))) + 0.5);
    }

    @Test
    void bytesThatDoNotMatchThePublishedChecksumAreRejected() {
        byte[] tampered = Arrays.copyOf(model.bytes(), model.bytes().length);
        tampered[tampered.length / 2] ^= 1;

        assertThatThrownBy(() -> ModelVerification.verify(model.metadata(), tampered))
                .isInstanceOf(ModelRejectedException.class)
                .hasMessageContaining("SHA-256");
    }

    @Test
    void bytesThatMatchTheirChecksumButDoNotDecodeAreRejected() {
        byte[] garbage = "not a model".getBytes();

        assertThatThrownBy(() -> ModelVerification.verify(
                        TestModels.metadata("ctr", "1.1.0", CREATED, DigestUtils.sha256Hex(garbage)), garbage))
                .isInstanceOf(ModelRejectedException.class)
                .hasMessageContaining("do not decode");
    }

    @Test
    void aModelFiledUnderAnotherVersionIsRejected() {
        assertThatThrownBy(() -> ModelVerification.verify(
                        TestModels.metadata(
                                "ctr", "9.9.9", CREATED, model.metadata().checksum()),
                        model.bytes()))
                .isInstanceOf(ModelRejectedException.class)
                .hasMessageContaining("holds the model ctr 1.1.0");
    }
}
