package io.autoloop.analyzer.topology;

import io.autoloop.analyzer.domain.ErrorAccumulator;
import io.autoloop.analyzer.state.ReportPart;
import io.autoloop.analyzer.state.StoreNames;
import io.autoloop.contracts.ErrorReport;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Consumes the error counts of sample batches keyed by model version, adds them to that version's report window in
 * the {@value StoreNames#ERROR_REPORTS} store, and emits the window's updated {@link ErrorReport} for
 * {@code analysis.reports}: the latest report of a (modelVersion, windowStart) supersedes earlier ones.
 */
final class ReportAggregator implements Processor<String, ReportPart, String, ErrorReport> {

    private final long windowSize;
    private ProcessorContext<String, ErrorReport> context;
    private WindowStore<String, ErrorAccumulator> reports;

    ReportAggregator(long windowSize) {
        this.windowSize = windowSize;
    }

    @Override
    public void init(ProcessorContext<String, ErrorReport> processorContext) {
        this.context = processorContext;
        this.reports = processorContext.getStateStore(StoreNames.ERROR_REPORTS);
    }

    @Override
    public void process(Record<String, ReportPart> record) {
        String modelVersion = record.key();
        long start = record.value().windowStart();
        ErrorAccumulator window = reports.fetch(modelVersion, start);
        ErrorAccumulator merged = window == null
                ? record.value().errors()
                : window.merge(record.value().errors());
        reports.put(modelVersion, merged, start);
        context.forward(record.withValue(
                merged.toReport(modelVersion, Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + windowSize))));
    }
}
