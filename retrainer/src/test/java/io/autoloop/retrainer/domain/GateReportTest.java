package io.autoloop.retrainer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.AuditEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateReportTest {

    private static final Instant AT = Instant.parse("2026-02-01T12:00:00Z");
    private static final String WITHIN = "Over 5000 holdout samples the candidate's log loss is 0.120000 against"
            + " 0.121000 for the champion arm as served (now 0.4.0, before it the versions of its lineage it"
            + " refreshed; difference -0.001000 ± 0.000500, margin 0.002000).";
    private static final GateDecision PUBLISHED = new GateDecision(
            AT,
            "ctr",
            "schedule",
            "retrainer",
            "published",
            GateReason.WITHIN_MARGIN,
            WITHIN,
            "0.5.0",
            "0.4.0",
            "0.4.0",
            60_000,
            5000,
            0.12,
            0.121,
            0.0005,
            0.002,
            0.03,
            null);
    private static final GateDecision INITIAL = new GateDecision(
            AT,
            "ctr",
            "initial",
            "retrainer",
            "published",
            GateReason.INITIAL_VERSION,
            "The registry is empty.",
            "0.1.0",
            null,
            null,
            0,
            0,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            0.002,
            Double.NaN,
            null);
    private static final GateDecision REJECTED = new GateDecision(
            AT,
            "ctr",
            "forced",
            "admin",
            "rejected",
            GateReason.WORSE_THAN_CHAMPION,
            "Over 5000 holdout samples the candidate's log loss is 0.130000.",
            "0.5.0",
            "0.4.0",
            "0.4.0",
            60_000,
            5000,
            0.13,
            0.121,
            0.0005,
            0.002,
            0.03,
            null);

    @Test
    void aPublishedCandidateIsAuditedAsModelPublishedWithItsNumbers() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", "0.5.0");
        details.put("parent", "0.4.0");
        details.put("champion", "0.4.0");
        details.put("trigger", "schedule");
        details.put("samplesSeen", 60_000L);
        details.put("holdoutSamples", 5000);
        details.put("candidateLogLoss", 0.12);
        details.put("championLogLoss", 0.121);
        details.put("standardError", 0.0005);
        details.put("margin", 0.002);
        details.put("predictionSpread", 0.03);
        details.put("detail", WITHIN);

        AuditEntry entry = GateReport.auditEntry(PUBLISHED, "id-1");

        assertThat(entry)
                .isEqualTo(new AuditEntry(
                        AuditEntry.SCHEMA_VERSION,
                        "id-1",
                        AT,
                        "retrainer",
                        "retrainer",
                        "ctr",
                        "model-published",
                        "within-margin",
                        details));
    }

    @Test
    void aRejectedCandidateIsAuditedAsCandidateRejectedInTheActorsName() {
        AuditEntry entry = GateReport.auditEntry(REJECTED, "id-2");

        assertThat(entry.action()).isEqualTo("candidate-rejected");
        assertThat(entry.reason()).isEqualTo("worse-than-champion");
        assertThat(entry.actor()).isEqualTo("admin");
        assertThat(entry.details()).containsEntry("trigger", "forced").containsEntry("candidateLogLoss", 0.13);
    }

    @Test
    void theInitialVersionHasNoParentOrChampionInItsDetails() {
        AuditEntry entry = GateReport.auditEntry(INITIAL, "id-3");

        assertThat(entry.details()).doesNotContainKeys("parent", "champion").containsEntry("version", "0.1.0");
    }

    @Test
    void aPublishedCandidateIsLoggedWithTriggerReasonAndDetail() {
        assertThat(GateReport.logLine(PUBLISHED)).isEqualTo("Published ctr 0.5.0 (schedule, within-margin): " + WITHIN);
    }

    @Test
    void aRejectedCandidateIsLoggedWithTheReasonBeforeTheDetail() {
        assertThat(GateReport.logLine(REJECTED))
                .isEqualTo("Rejected the candidate ctr 0.5.0 (forced): worse-than-champion Over 5000 holdout samples"
                        + " the candidate's log loss is 0.130000.");
    }

    @Test
    void theLogLineCarriesTheOutcomeAndBothLossesAsMdcFields() {
        assertThat(GateReport.mdc(REJECTED))
                .containsExactly(
                        Map.entry("model", "ctr"),
                        Map.entry("candidateVersion", "0.5.0"),
                        Map.entry("gateOutcome", "rejected"),
                        Map.entry("gateReason", "worse-than-champion"),
                        Map.entry("candidateLogLoss", "0.13"),
                        Map.entry("championLogLoss", "0.121"));
    }
}
