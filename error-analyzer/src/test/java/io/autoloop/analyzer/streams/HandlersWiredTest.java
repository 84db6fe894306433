package io.autoloop.analyzer.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.analyzer.config.AnalyzerConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.Test;

/** The Kafka Streams that Quarkus starts for the service gets the analyzer's error handlers and record limit. */
@QuarkusTest
class HandlersWiredTest {

    @Inject
    StreamsConfig streams;

    @Inject
    StreamsUncaughtExceptionHandler uncaught;

    @Inject
    AnalyzerConfig config;

    @Test
    void theServiceRunsKafkaStreamsWithTheAnalyzersHandlersAndTheProducersRecordLimit() {
        // Given: the service as Quarkus starts it (Quarkus sets the one uncaught exception handler bean).

        // Then
        assertThat(streams.getClass(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(ProductionErrorHandler.class);
        assertThat(streams.getClass(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(LogAndContinueExceptionHandler.class);
        assertThat(uncaught).isInstanceOf(ThreadReplacements.class);
        assertThat(String.valueOf(streams.getProducerConfigs("analyzer").get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)))
                .isEqualTo(String.valueOf(config.limits().recordBytes()));
    }
}
