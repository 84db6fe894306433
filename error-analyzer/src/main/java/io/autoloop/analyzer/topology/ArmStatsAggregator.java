package io.autoloop.analyzer.topology;

import io.autoloop.analyzer.domain.ArmTally;
import io.autoloop.analyzer.state.ArmPart;
import io.autoloop.analyzer.state.StoreNames;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ArmStats;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Consumes the arm counts of sample batches keyed by experiment id, adds them to the experiment's window
 * ({@value StoreNames#ARM_STATS_WINDOWS}) and cumulative ({@value StoreNames#ARM_STATS_TOTALS}) tallies, and emits
 * the updated {@link ArmStats} of each arm the batch touched for {@code experiment.arm-stats}.
 */
final class ArmStatsAggregator implements Processor<String, ArmPart, String, ArmStats> {

    private final long windowSize;
    private ProcessorContext<String, ArmStats> context;
    private WindowStore<String, ArmTally> windows;
    private KeyValueStore<String, ArmTally> totals;

    ArmStatsAggregator(long windowSize) {
        this.windowSize = windowSize;
    }

    @Override
    public void init(ProcessorContext<String, ArmStats> processorContext) {
        this.context = processorContext;
        this.windows = processorContext.getStateStore(StoreNames.ARM_STATS_WINDOWS);
        this.totals = processorContext.getStateStore(StoreNames.ARM_STATS_TOTALS);
    }

    @Override
    public void process(Record<String, ArmPart> record) {
        String experimentId = record.key();
        long start = record.value().windowStart();
        ArmTally part = record.value().tally();
        ArmTally window = orEmpty(windows.fetch(experimentId, start)).plus(part);
        ArmTally cumulative = orEmpty(totals.get(experimentId)).plus(part);
        windows.put(experimentId, window, start);
        totals.put(experimentId, cumulative);
        for (Arm arm : Arm.values()) {
            if (part.counts().containsKey(arm)) {
                context.forward(record.withValue(cumulative.armStats(
                        experimentId,
                        arm,
                        window,
                        Instant.ofEpochMilli(start),
                        Instant.ofEpochMilli(start + windowSize))));
            }
        }
    }

    private static ArmTally orEmpty(ArmTally tally) {
        return tally == null ? ArmTally.EMPTY : tally;
    }
}
