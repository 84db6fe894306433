package io.autoloop.collector.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.jpountz.lz4.LZ4Factory;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

/** Inside the Quarkus application, the codec the Kafka client asks for is lz4-java's native one. */
@QuarkusTest
class Lz4CodecTest {

    @Inject
    Producer<String, byte[]> producer;

    @Test
    void theProducersLz4CodecIsNative() {
        // given: the producer exists (its factory loads the codec first)
        assertThat(producer.metrics()).isNotEmpty();

        // then: what the client's Lz4BlockOutputStream gets for every batch
        assertThat(LZ4Factory.fastestInstance()).isSameAs(LZ4Factory.nativeInstance());
        assertThat(LZ4Factory.fastestInstance().fastCompressor().getClass().getSimpleName())
                .isEqualTo("LZ4JNICompressor");
    }
}
