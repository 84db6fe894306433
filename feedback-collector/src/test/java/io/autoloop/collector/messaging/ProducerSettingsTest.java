package io.autoloop.collector.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.autoloop.collector.config.CollectorConfig;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    private record Producer(
            Duration sendTimeout, Duration linger, int batchSize, String compression, Duration retryAfter)
            implements CollectorConfig.Producer {}

    private static final Producer DEFAULTS =
            new Producer(Duration.ofSeconds(5), Duration.ofMillis(5), 131072, "lz4", Duration.ofSeconds(5));

    @Test
    void theDeliveryGuaranteeCannotBeConfiguredAway() {
        Map<String, Object> kafka = Map.of("bootstrap.servers", "b:9092", "acks", "1", "enable.idempotence", "false");

        Map<String, Object> settings = ProducerSettings.of(kafka, DEFAULTS);

        assertThat(settings)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 131072)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }

    @Test
    void theProducerGivesUpOnARecordWhenTheRequestDoes() {
        Map<String, Object> settings = ProducerSettings.of(Map.of(), DEFAULTS);

        assertThat(settings)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000L)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4995);
    }

    @Test
    void aSendTimeoutShorterThanTheLingerIsRefused() {
        Producer odd = new Producer(Duration.ofMillis(5), Duration.ofMillis(10), 1, "none", Duration.ofSeconds(1));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ProducerSettings.of(Map.of(), odd))
                .withMessageContaining("send-timeout");
    }
}
