package io.autoloop.analyzer.repository;

import io.autoloop.analyzer.config.AnalyzerConfig;
import io.autoloop.analyzer.domain.ArmTally;
import io.autoloop.analyzer.state.StoreNames;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ArmStats;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Reads the arm statistics of this instance's {@value StoreNames#ARM_STATS_TOTALS} and
 * {@value StoreNames#ARM_STATS_WINDOWS} stores.
 */
@ApplicationScoped
public class ArmStatsRepository {

    private final LocalStores stores;
    private final long windowSize;

    ArmStatsRepository(LocalStores stores, AnalyzerConfig config) {
        this.stores = stores;
        this.windowSize = config.armStats().window().toMillis();
    }

    /**
     * The cumulative counts of both arms of {@code experimentId} and their counts in the experiment's latest window
     * (zeros for an arm without samples yet), champion first; empty when the experiment has no samples.
     */
    public Optional<List<ArmStats>> latest(String experimentId) {
        ReadOnlyKeyValueStore<String, ArmTally> totals =
                stores.open(StoreNames.ARM_STATS_TOTALS, QueryableStoreTypes.keyValueStore());
        ReadOnlyWindowStore<String, ArmTally> windows =
                stores.open(StoreNames.ARM_STATS_WINDOWS, QueryableStoreTypes.windowStore());
        try {
            ArmTally cumulative = totals.get(experimentId);
            if (cumulative == null) {
                return Optional.empty();
            }
            long start = cumulative.latestWindowStart();
            ArmTally window =
                    Optional.ofNullable(windows.fetch(experimentId, start)).orElse(ArmTally.EMPTY);
            Instant windowStart = Instant.ofEpochMilli(start);
            Instant windowEnd = Instant.ofEpochMilli(start + windowSize);
            return Optional.of(Arrays.stream(Arm.values())
                    .map(arm -> cumulative.armStats(experimentId, arm, window, windowStart, windowEnd))
                    .toList());
        } catch (InvalidStateStoreException e) {
            throw new StoresUnavailableException("The arm statistics moved while being read; retry.", e);
        }
    }
}
