package io.autoloop.retrainer.service;

import io.autoloop.contracts.AuditEntry;
import io.autoloop.contracts.Lineage;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.GateDecision;
import io.autoloop.retrainer.domain.GateReport;
import io.autoloop.retrainer.domain.LineageRequest;
import io.autoloop.retrainer.messaging.TrainerEvents;
import io.autoloop.retrainer.repository.LineageStore;
import io.autoloop.retrainer.repository.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The lineages of the model for its admin API and its search: consumes an admin's (or a graduated shadow's)
 * {@link LineageRequest} and produces the registered {@link Lineage} with an audit entry ({@code lineage-created} on {@code audit.log}); and produces every lineage's
 * {@link LineageView} from the lineages, the retired ones, the registry's versions and gate decisions, and this
 * instance's training status.
 */
@ApplicationScoped
public class LineageService {

    /** How many of its latest gate decisions each lineage shows. */
    static final int REFRESHES_SHOWN = 10;

    private final LineageStore lineages;
    private final ModelRegistry registry;
    private final TrainerMonitor monitor;
    private final TrainerEvents events;
    private final int historySize;
    private final Clock clock = Clock.systemUTC();

    public LineageService(
            LineageStore lineages,
            ModelRegistry registry,
            TrainerMonitor monitor,
            TrainerEvents events,
            RetrainerConfig config) {
        this.lineages = lineages;
        this.registry = registry;
        this.monitor = monitor;
        this.events = events;
        this.historySize = config.gate().historySize();
    }

    /**
     * Registers the lineage of {@code request} in {@code actor}'s name (its origin: an admin's name, or
     * {@code search} for a graduated shadow) and audits it with {@code reason} ({@code admin-request},
     * {@code search-graduation}); a configuration that has its lineage already gives that lineage, and a name another
     * configuration holds is refused (nothing is audited).
     */
    public LineageStore.Registration create(LineageRequest request, String actor, String reason) {
        LineageStore.Registration registration =
                lineages.register(request.config(), request.name(), actor, clock.instant());
        if (registration.outcome() == LineageStore.Outcome.CREATED) {
            Lineage lineage = registration.lineage();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("lineage", lineage.ref().id());
            details.put("name", lineage.ref().name());
            details.put("ordinal", lineage.ordinal());
            details.put("config", lineage.config().canonical());
            events.audit(new AuditEntry(
                    AuditEntry.SCHEMA_VERSION,
                    UUID.randomUUID().toString(),
                    lineage.createdAt(),
                    GateReport.SERVICE,
                    actor,
                    lineage.model(),
                    "lineage-created",
                    reason,
                    details));
        }
        return registration;
    }

    /** Every lineage of the model, by ordinal. */
    public List<LineageView> list() {
        Map<String, String> retired = lineages.retired();
        List<GateDecision> decisions = registry.gateDecisions(historySize);
        List<LineageStatus> training = monitor.status().lineages();
        return lineages.all().stream()
                .map(lineage -> {
                    String id = lineage.ref().id();
                    String current = registry.newestOfLineage(lineage.ordinal()).orElse(null);
                    long samples = training.stream()
                            .filter(status -> status.lineage().id().equals(id))
                            .mapToLong(LineageStatus::samplesSeen)
                            .findFirst()
                            .orElseGet(() -> current == null
                                    ? 0
                                    : registry.version(current)
                                            .map(ModelVersion::samplesSeen)
                                            .orElse(0L));
                    List<GateDecision> refreshes = decisions.stream()
                            .filter(decision -> decision.lineage() != null
                                    && Objects.equals(decision.lineage().id(), id))
                            .limit(REFRESHES_SHOWN)
                            .toList();
                    return LineageView.of(lineage, retired.get(id), current, samples, refreshes);
                })
                .toList();
    }
}
