package io.autoloop.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ObdLogTest {

    /** The repository's Open Bandit sample, read once: 10,000 rows per policy and campaign. */
    static final List<ObdImpression> LOG = ObdLog.read(ObdFolder.find(), ObdLog.POLICIES, ObdLog.CAMPAIGNS);

    @Test
    void readsTheFourLogsMergedInTimestampOrderWithItemFeatures() {
        assertThat(LOG).hasSize(40_000).isSortedAccordingTo(Comparator.comparing(ObdImpression::loggedAt));
        ObdImpression first = LOG.get(0);
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
        assertThat(LOG).filteredOn(ObdImpression::click).first().satisfies(click -> {
            assertThat(click.policy()).isEqualTo("bts");
            assertThat(click.campaign()).isEqualTo("women");
            assertThat(click.row()).isEqualTo(127);
            assertThat(click.item().itemId()).isEqualTo(36);
        });
    }

    @Test
    void theClicksPerPolicyAndCampaignAreTheLoggedOnes() {
        // the logged click counts of data/obd/README.md: 46 + 69 for men, 46 + 46 for women
        Map<String, Long> clicks = LOG.stream()
                .filter(ObdImpression::click)
                .collect(Collectors.groupingBy(row -> row.policy() + "/" + row.campaign(), Collectors.counting()));

        assertThat(clicks).isEqualTo(Map.of("random/men", 46L, "bts/men", 69L, "random/women", 46L, "bts/women", 46L));
    }

    @Test
    void readsOnlyThePoliciesAndCampaignsAskedFor() {
        List<ObdImpression> log = ObdLog.read(ObdFolder.find(), List.of("random"), List.of("women"));

        assertThat(log).hasSize(10_000).allSatisfy(row -> {
            assertThat(row.policy()).isEqualTo("random");
            assertThat(row.campaign()).isEqualTo("women");
        });
    }

    @Test
    void aMissingFolderIsASentenceAboutData() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ObdLog.read(ObdFolder.find().resolve("nowhere"), ObdLog.POLICIES, ObdLog.CAMPAIGNS))
                .withMessageContaining("does not exist; --data must name the folder");
    }
}
