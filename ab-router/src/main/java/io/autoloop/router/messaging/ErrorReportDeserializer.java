package io.autoloop.router.messaging;

import io.autoloop.contracts.ErrorReport;

/** Reads a {@link ErrorReport} from contract JSON for the Kafka connector; a record that breaks the contract reads as null. */
public class ErrorReportDeserializer extends LenientDeserializer<ErrorReport> {

    public ErrorReportDeserializer() {
        super(ErrorReport.class);
    }
}
