package io.autoloop.router.service.experiment;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ErrorReport;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.refresh.RefreshEvidence;
import io.autoloop.router.domain.refresh.RefreshGuard;
import io.autoloop.router.domain.refresh.RefreshLimits;
import io.autoloop.router.domain.refresh.RefreshVerdict;
import io.autoloop.router.domain.refresh.RefreshWatch;
import io.autoloop.router.repository.RolloutState;
import io.autoloop.router.service.model.ModelStore;
import io.autoloop.router.service.ranking.ArmMeters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The refresh guard's adapter on the controller's replica: for each arm the rollout state says is watched, gathers the
 * {@link RefreshEvidence} (the newest {@code analysis.reports} of the watched versions from the {@link AnalyzerFeed},
 * this replica's ranking requests and failures on the arm from the {@link ArmMeters} since it first saw the watch, and
 * a verification failure from the {@link ModelStore}), asks the {@link RefreshGuard}, and hands a keep or a revert to
 * the {@link ExperimentService}.
 */
@ApplicationScoped
class RefreshWatcher {

    private final ExperimentService experiments;
    private final AnalyzerFeed feed;
    private final ArmMeters meters;
    private final ModelStore models;
    private final RefreshGuard guard;
    private final Clock clock = Clock.systemUTC();
    private final Map<RefreshWatch, ArmMeters.Totals> countsAtStart = new ConcurrentHashMap<>();

    RefreshWatcher(
            ExperimentService experiments,
            AnalyzerFeed feed,
            ArmMeters meters,
            ModelStore models,
            RouterConfig config) {
        this.experiments = experiments;
        this.feed = feed;
        this.meters = meters;
        this.models = models;
        this.guard = new RefreshGuard(limitsOf(config));
    }

    /** The refresh guard's limits the configuration describes. */
    static RefreshLimits limitsOf(RouterConfig config) {
        RouterConfig.Refresh refresh = config.refresh();
        RouterConfig.Guardrails guardrails = config.guardrails();
        return new RefreshLimits(
                refresh.window(),
                refresh.minSamples(),
                refresh.maxCtrDrop(),
                guardrails.calibrationLow(),
                guardrails.calibrationHigh(),
                guardrails.minRequests(),
                guardrails.maxErrorRate());
    }

    /** Judges every watched arm of {@code state} and hands each keep or revert to the experiment service. */
    void tick(RolloutState state) {
        countsAtStart.keySet().retainAll(state.watches().values());
        Instant now = clock.instant();
        for (RefreshWatch watch : state.watches().values()) {
            RefreshVerdict verdict = guard.judge(watch, evidence(watch), now);
            if (verdict.outcome() != RefreshVerdict.Outcome.WATCH) {
                experiments.settleWatch(watch.arm(), watch.current(), verdict, now);
            }
        }
    }

    private RefreshEvidence evidence(RefreshWatch watch) {
        Arm arm = watch.arm();
        ArmMeters.Totals start = countsAtStart.computeIfAbsent(watch, w -> meters.totals(arm));
        ArmMeters.Totals now = meters.totals(arm);
        List<ErrorReport> reports = watch.versions().stream()
                .map(feed::report)
                .flatMap(Optional::stream)
                .toList();
        return RefreshEvidence.of(
                reports,
                now.requests() - start.requests(),
                now.errors() - start.errors(),
                models.rejection(watch.current()).orElse(null));
    }
}
