package io.autoloop.retrainer.service;

import io.autoloop.contracts.AuditEntry;
import io.autoloop.contracts.LineageConfig;
import io.autoloop.contracts.LineageRef;
import io.autoloop.learner.search.SearchEvent;
import io.autoloop.retrainer.domain.GateReport;
import io.autoloop.retrainer.domain.LineageRequest;
import io.autoloop.retrainer.domain.LineageTrainers;
import io.autoloop.retrainer.domain.SearchPlan;
import io.autoloop.retrainer.domain.SearchStandings;
import io.autoloop.retrainer.domain.ShadowSearch;
import io.autoloop.retrainer.domain.Trainer;
import io.autoloop.retrainer.messaging.TrainerEvents;
import io.autoloop.retrainer.repository.LineageStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The search of shadow configurations as the service sees it, on the training thread: consumes the
 * {@link ShadowSearch}'s events after every batch and produces an audit entry for each ({@code search-proposed},
 * {@code search-retired}, {@code search-graduated} on {@code audit.log}, with the numbers), a log line, the counter
 * {@code autoloop.search.events} (tag {@code type} = proposed | retired | graduated), the gauge
 * {@code autoloop.search.shadows} (live shadows), the lineage of a graduated shadow (created through
 * {@link LineageService#create}, origin {@code search}, as an admin's would be) and the {@link SearchView} of
 * {@code GET /v1/models/{name}/search}.
 */
@ApplicationScoped
public class SearchService {

    private static final Logger LOG = Logger.getLogger(SearchService.class);

    /** The actor and origin of a graduated shadow's lineage. */
    static final String ACTOR = "search";

    /** How many of its latest events the view shows. */
    static final int EVENTS_SHOWN = 50;

    private final LineageService lineages;
    private final LineageStore store;
    private final TrainerEvents audit;
    private final boolean enabled;
    private final Map<String, Counter> counters = new HashMap<>();
    private final Deque<SearchView.Event> recent = new ArrayDeque<>();
    private volatile SearchView view;
    private volatile int shadows;

    public SearchService(
            LineageService lineages, LineageStore store, TrainerEvents audit, SearchPlan plan, MeterRegistry registry) {
        this.lineages = lineages;
        this.store = store;
        this.audit = audit;
        this.enabled = plan.enabled();
        this.view = SearchView.idle(
                enabled,
                enabled ? "This instance does not train the model now." : "retrainer.search.enabled is false.");
        for (String type : List.of("proposed", "retired", "graduated")) {
            counters.put(
                    type,
                    Counter.builder("autoloop.search.events")
                            .tag("type", type)
                            .description("Shadows proposed, retired and graduated by the search")
                            .register(registry));
        }
        Gauge.builder("autoloop.search.shadows", this, service -> service.shadows)
                .description("Live shadow configurations the search trains beside the champion's lineage")
                .register(registry);
    }

    /**
     * Takes what the search decided during the last batch: audits, counts and keeps each event, and registers the
     * lineage of a graduate that waits for one.
     *
     * @return true when a graduate's lineage was registered (or found): the trainers must follow the lineages now,
     *     so that the lineage's trainer takes the graduate's learner
     * @throws IllegalStateException if the graduate's lineage cannot be registered under either of its names
     */
    boolean afterRecords(LineageTrainers trainers, Instant now) {
        Optional<ShadowSearch> found = trainers.search();
        if (found.isEmpty()) {
            return false;
        }
        ShadowSearch search = found.get();
        for (SearchEvent event : search.drainEvents()) {
            record(trainers.model(), event, now);
        }
        boolean registered = false;
        Optional<LineageConfig> graduate = search.waitingGraduate();
        if (graduate.isPresent()) {
            registerGraduate(trainers, search, graduate.get());
            registered = true;
        }
        show(trainers, search.standings());
        return registered;
    }

    /** The leaderboard as this instance's trainer last saw it. */
    public SearchView view() {
        return view;
    }

    private void registerGraduate(LineageTrainers trainers, ShadowSearch search, LineageConfig config) {
        String id = config.fingerprint();
        LineageStore.Registration registration =
                lineages.create(new LineageRequest("search-" + id.substring(0, 8), config), ACTOR, "search-graduation");
        if (registration.outcome() == LineageStore.Outcome.NAME_TAKEN) {
            registration = lineages.create(new LineageRequest("search-" + id, config), ACTOR, "search-graduation");
        }
        if (registration.outcome() == LineageStore.Outcome.NAME_TAKEN) {
            throw new IllegalStateException("The graduated shadow " + config.canonical() + " of model "
                    + trainers.model() + " cannot be registered: lineages of other configurations hold both its names,"
                    + " search-" + id.substring(0, 8) + " and search-" + id + ".");
        }
        if (store.retired().containsKey(id)) {
            LOG.warnf(
                    "Model %s: the graduated shadow %s is the configuration of retired lineage %s; the graduate is"
                            + " dropped and the search starts again around the champion's lineage",
                    trainers.model(),
                    config.canonical(),
                    registration.lineage().ref().name());
            search.abandonGraduate();
            return;
        }
        LOG.infof(
                "Model %s: the graduated shadow %s is lineage %s (ordinal %d)",
                trainers.model(),
                config.canonical(),
                registration.lineage().ref().name(),
                registration.lineage().ordinal());
    }

    private void record(String model, SearchEvent event, Instant now) {
        SearchView.Event shown = describe(event, now);
        counters.get(shown.type()).increment();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("example", shown.example());
        details.put("shadow", shown.shadow());
        details.put("lineage", shown.lineageId());
        details.put("config", shown.config().canonical());
        if (event instanceof SearchEvent.Proposed proposed) {
            details.put("warmStart", proposed.warmStart());
            details.put("championShadow", proposed.champion());
        }
        if (event instanceof SearchEvent.Graduated graduated) {
            details.put(
                    "previousChampion",
                    ShadowSearch.configOf(graduated.previousChampion().configuration())
                            .canonical());
        }
        if (shown.comparison() != null) {
            SearchView.Numbers numbers = shown.comparison();
            details.put("pairedExamples", numbers.examples());
            putFinite(details, "championLoss", numbers.championLoss());
            putFinite(details, "shadowLoss", numbers.shadowLoss());
            putFinite(details, "difference", numbers.difference());
            putFinite(details, "lower", numbers.lower());
            putFinite(details, "upper", numbers.upper());
        }
        audit.audit(new AuditEntry(
                AuditEntry.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                now,
                GateReport.SERVICE,
                ACTOR,
                model,
                "search-" + shown.type(),
                shown.reason() == null ? "proposal" : shown.reason(),
                details));
        LOG.infof(
                "Model %s: search %s shadow #%d (%s) %s",
                model, shown.type(), shown.shadow(), shown.config().canonical(), details);
        recent.addFirst(shown);
        while (recent.size() > EVENTS_SHOWN) {
            recent.removeLast();
        }
    }

    private static void putFinite(Map<String, Object> details, String key, Double value) {
        if (value != null) {
            details.put(key, value);
        }
    }

    private static SearchView.Event describe(SearchEvent event, Instant now) {
        LineageConfig config = ShadowSearch.configOf(event.candidate().configuration());
        if (event instanceof SearchEvent.Proposed proposed) {
            return new SearchView.Event(
                    now,
                    "proposed",
                    event.example(),
                    event.candidate().id(),
                    config.fingerprint(),
                    config,
                    null,
                    proposed.warmStart(),
                    null);
        }
        if (event instanceof SearchEvent.Retired retired) {
            String reason = retired.reason() == SearchEvent.Reason.WORSE ? "worse" : "lease-expired";
            return new SearchView.Event(
                    now,
                    "retired",
                    event.example(),
                    event.candidate().id(),
                    config.fingerprint(),
                    config,
                    reason,
                    null,
                    SearchView.Numbers.of(retired.comparison()));
        }
        SearchEvent.Graduated graduated = (SearchEvent.Graduated) event;
        return new SearchView.Event(
                now,
                "graduated",
                event.example(),
                event.candidate().id(),
                config.fingerprint(),
                config,
                "better",
                null,
                SearchView.Numbers.of(graduated.comparison()));
    }

    private void show(LineageTrainers trainers, SearchStandings standings) {
        LineageRef anchor = standings.anchor() == null
                ? null
                : trainers.trainer(standings.anchor())
                        .map(Trainer::lineage)
                        .map(lineage -> lineage.ref())
                        .orElse(null);
        List<SearchView.Shadow> live = new ArrayList<>();
        for (SearchStandings.Shadow shadow : standings.shadows()) {
            live.add(new SearchView.Shadow(
                    shadow.id(),
                    shadow.config().fingerprint(),
                    shadow.config(),
                    shadow.since(),
                    shadow.age(),
                    SearchView.Numbers.of(shadow.comparison())));
        }
        live.sort(Comparator.comparing(shadow -> shadow.comparison().difference() == null
                ? Double.MAX_VALUE
                : shadow.comparison().difference()));
        shadows = live.size();
        view = new SearchView(
                enabled,
                standings.running(),
                standings.idleReason(),
                anchor,
                standings.champion(),
                standings.graduateWaiting(),
                standings.examples(),
                standings.restarts(),
                live,
                List.copyOf(recent));
    }
}
