package io.autoloop.analyzer.streams;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.jboss.logging.Logger;

/**
 * Kafka Streams' {@code production.exception.handler} for the analyzer: takes a record that could not be serialized
 * or sent and answers whether the stream task carries on.
 *
 * <p>Under {@code exactly_once_v2} only a serialization error can be skipped: it happens before the producer sees the
 * record, so the transaction stays intact and {@code CONTINUE} drops just that record. An error from
 * {@code send} (a record over the producer's {@code max.request.size}, or a broker refusing it) has already moved the
 * transactional producer to an abortable error, whatever the handler answers: the transaction is aborted, the task
 * goes back to its last commit, and the stream thread fails with it ({@link ThreadReplacements} takes over). So the
 * analyzer checks sizes itself while serializing ({@link OversizedRecordException}) and this handler:
 *
 * <ul>
 *   <li>continues past an {@link OversizedRecordException} (counted where it was thrown, in
 *       {@code autoloop.records.too-large});
 *   <li>fails on any other serialization error, which is a bug in a serde;
 *   <li>retries a retriable send error from the last commit, and continues past any other send error, logged with the
 *       input record it came from (under at-least-once the record is then lost; under exactly-once see above).
 * </ul>
 */
public final class ProductionErrorHandler implements ProductionExceptionHandler {

    private static final Logger LOG = Logger.getLogger(ProductionErrorHandler.class);

    @Override
    public ProductionExceptionHandlerResponse handle(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            LOG.warnf(
                    "Sending a record to %s failed for now, retrying from the last commit (task %s): %s",
                    record.topic(), context.taskId(), exception.getMessage());
            return ProductionExceptionHandlerResponse.RETRY;
        }
        LOG.errorf(
                exception,
                "Could not send a record of %d bytes to %s, made from %s; carrying on without it (task %s)",
                size(record),
                record.topic(),
                source(context),
                context.taskId());
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(
            ErrorHandlerContext context,
            ProducerRecord record,
            Exception exception,
            SerializationExceptionOrigin origin) {
        if (exception instanceof OversizedRecordException) {
            LOG.warnf("%s It was made from %s (task %s).", exception.getMessage(), source(context), context.taskId());
            return ProductionExceptionHandlerResponse.CONTINUE;
        }
        return ProductionExceptionHandlerResponse.FAIL;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // Nothing to configure: the sizes are checked where records are serialized.
    }

    private static String source(ErrorHandlerContext context) {
        return context.topic() == null
                ? "a punctuation"
                : context.topic() + "-" + context.partition() + " at offset " + context.offset();
    }

    private static int size(ProducerRecord<byte[], byte[]> record) {
        return (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
    }
}
