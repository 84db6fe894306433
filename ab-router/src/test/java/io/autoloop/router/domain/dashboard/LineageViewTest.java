package io.autoloop.router.domain.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.Lineage;
import io.autoloop.contracts.LineageConfig;
import io.autoloop.contracts.LineageRef;
import io.autoloop.contracts.ModelMetrics;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.router.domain.refresh.RefreshEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineageViewTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final LineageConfig FIRST_CONFIG = new LineageConfig(22, List.of(), 0.1, 1.0, 0.0, 0.0, 1);
    private static final LineageConfig SECOND_CONFIG =
            new LineageConfig(22, List.of("user*item"), 0.1, 1.0, 0.0, 0.0, 1);
    private static final LineageConfig THIRD_CONFIG = new LineageConfig(20, List.of(), 0.05, 1.0, 0.0, 0.0, 1);
    private static final LineageRef FIRST = new LineageRef(FIRST_CONFIG.fingerprint(), "default");
    private static final LineageRef SECOND = new LineageRef(SECOND_CONFIG.fingerprint(), "user-item");
    private static final LineageRef THIRD = new LineageRef(THIRD_CONFIG.fingerprint(), "small");
    private static final LineageRef UNREGISTERED = new LineageRef("00000000000000ff", "unregistered");

    private static Lineage lineage(LineageRef ref, LineageConfig config, int ordinal) {
        return new Lineage(Lineage.SCHEMA_VERSION, "ctr", ref, config, ordinal, T0, "config");
    }

    private static ModelVersion version(String version, LineageRef lineage) {
        return new ModelVersion(
                ModelVersion.SCHEMA_VERSION,
                "ctr",
                version,
                null,
                T0,
                100,
                new ModelMetrics(100, 0.3, 0.7, 1.0, 0.3),
                "ab",
                RedisKeys.model("ctr", version),
                lineage);
    }

    private static RefreshEntry entry(RefreshEntry.Kind kind, String from, String to, int second) {
        return new RefreshEntry(
                T0.plusSeconds(second), kind, Arm.CHAMPION, FIRST.id(), from, to, kind + " " + to, Map.of());
    }

    @Test
    void servingLineagesComeFirstWithTheirVersionConfigurationHistoryAndStatus() {
        // Given three registered lineages, the champion of the first, the challenger of the second, a version of a
        // lineage the retrainer has not registered, and the first lineage's refresh history.
        ModelVersion champion = version("1.2.0", FIRST);
        ModelVersion challenger = version("2.0.0", SECOND);
        List<ModelVersion> versions =
                List.of(version("4.0.0", UNREGISTERED), version("3.1.0", THIRD), challenger, champion);
        List<RefreshEntry> history = List.of(
                entry(RefreshEntry.Kind.REFRESH, "1.0.0", "1.1.0", 1),
                entry(RefreshEntry.Kind.KEEP, "1.0.0", "1.1.0", 2),
                entry(RefreshEntry.Kind.REFRESH, "1.1.0", "1.3.0", 3),
                entry(RefreshEntry.Kind.REVERT, "1.3.0", "1.1.0", 4),
                entry(RefreshEntry.Kind.REFRESH, "1.1.0", "1.2.0", 5));

        // When the view is built.
        List<LineageView> views = LineageView.of(
                List.of(
                        lineage(THIRD, THIRD_CONFIG, 3),
                        lineage(SECOND, SECOND_CONFIG, 2),
                        lineage(FIRST, FIRST_CONFIG, 1)),
                Map.of(Arm.CHAMPION, champion, Arm.CHALLENGER, challenger),
                versions,
                Map.of(THIRD.id(), "It lost experiment e."),
                history);

        // Then the champion's lineage, the challenger's, then the others by ordinal, the unregistered one last.
        assertThat(views)
                .extracting(LineageView::name)
                .containsExactly("default", "user-item", "small", "unregistered");
        LineageView first = views.get(0);
        assertThat(first.serves()).containsExactly(Arm.CHAMPION);
        assertThat(first.current()).isEqualTo("1.2.0");
        assertThat(first.config()).isEqualTo(FIRST_CONFIG);
        assertThat(first.retired()).isNull();
        assertThat(first.refreshes())
                .extracting(RefreshEntry::to)
                .containsExactly("1.2.0", "1.1.0", "1.3.0", "1.1.0", "1.1.0");
        assertThat(first.reverted()).extracting(RefreshEntry::from).containsExactly("1.3.0");
        assertThat(views.get(1).serves()).containsExactly(Arm.CHALLENGER);
        assertThat(views.get(1).refreshes()).isEmpty();
        LineageView third = views.get(2);
        assertThat(third.serves()).isEmpty();
        assertThat(third.current()).as("its newest listed version").isEqualTo("3.1.0");
        assertThat(third.retired()).isEqualTo("It lost experiment e.");
        LineageView unregistered = views.get(3);
        assertThat(unregistered.config()).isNull();
        assertThat(unregistered.ordinal()).isNull();
        assertThat(unregistered.current()).isEqualTo("4.0.0");
    }
}
