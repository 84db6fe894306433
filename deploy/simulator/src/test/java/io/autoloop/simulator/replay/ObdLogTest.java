package io.autoloop.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObdLogTest {

    static final Path OBD = Path.of(System.getProperty("autoloop.simulator.basedir", "."), "src/test/resources/obd");

    @Test
    void readsTheFourLogsMergedInTimestampOrderWithItemFeatures() {
        List<ObdImpression> log = ObdLog.read(OBD, ObdLog.POLICIES, ObdLog.CAMPAIGNS);

        assertThat(log).hasSize(17).isSortedAccordingTo(Comparator.comparing(ObdImpression::loggedAt));
        assertThat(log).extracting(ObdImpression::policy).containsOnly("random", "bts");
        assertThat(log).extracting(ObdImpression::campaign).containsOnly("men", "women");
        ObdImpression first = log.get(0);
        assertThat(first.loggedAt()).isEqualTo(Instant.parse("2019-11-24T00:01:03.979311Z"));
        assertThat(first.policy()).isEqualTo("bts");
        assertThat(first.campaign()).isEqualTo("men");
        assertThat(first.position()).isEqualTo(2);
        assertThat(first.click()).isFalse();
        assertThat(first.propensity()).isEqualTo(0.045525);
        assertThat(first.item().itemId()).isEqualTo(2);
        assertThat(first.item().features())
                .containsOnlyKeys("item_feature_0", "item_feature_1", "item_feature_2", "item_feature_3");
        assertThat(first.userFeatureMap()).containsEntry("user_feature_0", "cef3390ed299c09874189c387777674a");
        assertThat(log).filteredOn(ObdImpression::click).singleElement().satisfies(click -> {
            assertThat(click.row()).isEqualTo(190);
            assertThat(click.item().itemId()).isEqualTo(13);
        });
    }

    @Test
    void readsOnlyThePoliciesAndCampaignsAskedFor() {
        List<ObdImpression> log = ObdLog.read(OBD, List.of("random"), List.of("women"));

        assertThat(log).hasSize(4).allSatisfy(row -> {
            assertThat(row.policy()).isEqualTo("random");
            assertThat(row.campaign()).isEqualTo("women");
        });
    }

    @Test
    void aMissingFolderIsASentenceAboutData() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ObdLog.read(OBD.resolve("nowhere"), ObdLog.POLICIES, ObdLog.CAMPAIGNS))
                .withMessageContaining("does not exist; --data must name the folder");
    }
}
