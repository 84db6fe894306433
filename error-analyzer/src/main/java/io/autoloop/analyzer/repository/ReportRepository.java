package io.autoloop.analyzer.repository;

import io.autoloop.analyzer.config.AnalyzerConfig;
import io.autoloop.analyzer.domain.ErrorAccumulator;
import io.autoloop.analyzer.state.StoreNames;
import io.autoloop.contracts.ErrorReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** Reads the error reports of this instance's {@value StoreNames#ERROR_REPORTS} store. */
@ApplicationScoped
public class ReportRepository {

    private final LocalStores stores;
    private final long windowSize;

    ReportRepository(LocalStores stores, AnalyzerConfig config) {
        this.stores = stores;
        this.windowSize = config.reports().window().toMillis();
    }

    /** The reports of {@code modelVersion} whose window starts in {@code [from, to)}, oldest first. */
    public List<ErrorReport> reports(String modelVersion, Instant from, Instant to) {
        ReadOnlyWindowStore<String, ErrorAccumulator> store =
                stores.open(StoreNames.ERROR_REPORTS, QueryableStoreTypes.windowStore());
        List<ErrorReport> reports = new ArrayList<>();
        try (WindowStoreIterator<ErrorAccumulator> windows = store.fetch(modelVersion, from, to.minusMillis(1))) {
            while (windows.hasNext()) {
                KeyValue<Long, ErrorAccumulator> window = windows.next();
                reports.add(window.value.toReport(
                        modelVersion, Instant.ofEpochMilli(window.key), Instant.ofEpochMilli(window.key + windowSize)));
            }
        } catch (InvalidStateStoreException e) {
            throw new StoresUnavailableException("The error reports moved while being read; retry.", e);
        }
        return reports;
    }
}
