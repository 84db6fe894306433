package io.autoloop.router.messaging;

import io.autoloop.contracts.ArmStats;

/** Reads a {@link ArmStats} from contract JSON for the Kafka connector; a record that breaks the contract reads as null. */
public class ArmStatsDeserializer extends LenientDeserializer<ArmStats> {

    public ArmStatsDeserializer() {
        super(ArmStats.class);
    }
}
