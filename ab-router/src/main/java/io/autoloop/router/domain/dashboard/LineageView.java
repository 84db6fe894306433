package io.autoloop.router.domain.dashboard;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.Lineage;
import io.autoloop.contracts.LineageConfig;
import io.autoloop.contracts.LineageRef;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.router.domain.refresh.RefreshEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One lineage of the model as the dashboard's models page shows it: its configuration as the retrainer registered it
 * ({@code autoloop:model:{name}:lineages}), the arms it serves and the version it is at, whether it is retired and
 * why, and its refresh history, newest first (refreshes with the gate metrics of the version, the guard's keeps and
 * reverts with its readings).
 *
 * @param config the training configuration, null for a lineage the registry's versions name but the retrainer has not
 *     registered
 * @param ordinal the lineage's number within the model, null when unregistered
 * @param serves the arms that serve a version of it, champion first
 * @param current the version an arm serves, or else its newest listed version; null when none is listed
 * @param retired why the lineage stopped training, null while it trains
 * @param refreshes its refresh history, newest first
 * @param reverted the refreshes the guard reverted, newest first
 */
public record LineageView(
        String id,
        String name,
        LineageConfig config,
        Integer ordinal,
        Instant createdAt,
        String origin,
        List<Arm> serves,
        String current,
        String retired,
        List<RefreshEntry> refreshes,
        List<RefreshEntry> reverted) {

    /**
     * Every lineage the retrainer registered or a listed version names: the serving ones first (champion, then
     * challenger), then the others by ordinal.
     *
     * @param serving the metadata of the version each arm serves
     * @param versions the listed versions, newest first
     * @param retired lineage id → why it retired
     * @param history the model's refresh history, oldest first
     */
    public static List<LineageView> of(
            Collection<Lineage> registered,
            Map<Arm, ModelVersion> serving,
            List<ModelVersion> versions,
            Map<String, String> retired,
            List<RefreshEntry> history) {
        Map<String, Lineage> byId = new LinkedHashMap<>();
        registered.forEach(lineage -> byId.put(lineage.ref().id(), lineage));
        Map<String, LineageRef> refs = new LinkedHashMap<>();
        for (Arm arm : Arm.values()) {
            ModelVersion version = serving.get(arm);
            if (version != null) {
                refs.putIfAbsent(version.lineage().id(), version.lineage());
            }
        }
        registered.stream()
                .sorted(Comparator.comparingInt(Lineage::ordinal))
                .forEach(lineage -> refs.putIfAbsent(lineage.ref().id(), lineage.ref()));
        versions.forEach(version -> refs.putIfAbsent(version.lineage().id(), version.lineage()));
        List<LineageView> views = new ArrayList<>();
        for (LineageRef ref : refs.values()) {
            List<Arm> serves = new ArrayList<>();
            String current = null;
            for (Arm arm : Arm.values()) {
                ModelVersion version = serving.get(arm);
                if (version != null && version.lineage().id().equals(ref.id())) {
                    serves.add(arm);
                    current = current == null ? version.version() : current;
                }
            }
            if (current == null) {
                current = versions.stream()
                        .filter(version -> version.lineage().id().equals(ref.id()))
                        .map(ModelVersion::version)
                        .findFirst()
                        .orElse(null);
            }
            List<RefreshEntry> refreshes = new ArrayList<>(history.stream()
                    .filter(entry -> ref.id().equals(entry.lineage()))
                    .toList());
            Collections.reverse(refreshes);
            Lineage lineage = byId.get(ref.id());
            views.add(new LineageView(
                    ref.id(),
                    ref.name(),
                    lineage == null ? null : lineage.config(),
                    lineage == null ? null : lineage.ordinal(),
                    lineage == null ? null : lineage.createdAt(),
                    lineage == null ? null : lineage.origin(),
                    List.copyOf(serves),
                    current,
                    retired.get(ref.id()),
                    List.copyOf(refreshes),
                    refreshes.stream()
                            .filter(entry -> entry.kind() == RefreshEntry.Kind.REVERT)
                            .toList()));
        }
        return List.copyOf(views);
    }
}
