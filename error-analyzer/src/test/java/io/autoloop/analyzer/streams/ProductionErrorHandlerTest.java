package io.autoloop.analyzer.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class ProductionErrorHandlerTest {

    private final ProductionErrorHandler handler = new ProductionErrorHandler();
    private final ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>("training.samples", new byte[] {1}, new byte[] {2});

    @Test
    void aValueTheAnalyzerRefusedAsTooLargeIsSkipped() {
        ProductionExceptionHandlerResponse response = handler.handleSerializationException(
                context(), record, new OversizedRecordException("training.samples", 2_000_000, 1_032_192), origin());

        assertThat(response).isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);
    }

    @Test
    void anyOtherSerializationErrorFails() {
        ProductionExceptionHandlerResponse response = handler.handleSerializationException(
                context(), record, new SerializationException("A stored ReportPart has format 9."), origin());

        assertThat(response).isEqualTo(ProductionExceptionHandlerResponse.FAIL);
    }

    @Test
    void aRetriableSendErrorIsRetriedFromTheLastCommitAndAnyOtherIsSkipped() {
        assertThat(handler.handle(context(), record, new NotEnoughReplicasException("2 of 3")))
                .isEqualTo(ProductionExceptionHandlerResponse.RETRY);
        assertThat(handler.handle(context(), record, new RecordTooLargeException("The message is too large.")))
                .isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);
    }

    private static SerializationExceptionOrigin origin() {
        return SerializationExceptionOrigin.VALUE;
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return "feedback.events";
            }

            @Override
            public int partition() {
                return 2;
            }

            @Override
            public long offset() {
                return 41;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "attribution";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(1, 2);
            }

            @Override
            public long timestamp() {
                return 0;
            }

            @Override
            public byte[] sourceRawKey() {
                return null;
            }

            @Override
            public byte[] sourceRawValue() {
                return null;
            }
        };
    }
}
