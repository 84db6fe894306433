package io.autoloop.retrainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.contracts.Arm;
import org.junit.jupiter.api.Test;

class ServedVersionsTest {

    @Test
    void theLineageServingTheChallengerArmIsJudgedAgainstTheChallengersVersion() {
        ServedVersions served = new ServedVersions("2.14.0", "4.3.0");

        ServedVersions.Reference reference = served.referenceFor(4);

        assertThat(reference).isEqualTo(new ServedVersions.Reference(Arm.CHALLENGER, "4.3.0"));
    }

    @Test
    void theChampionsLineageAndEveryOtherLineageAreJudgedAgainstTheChampion() {
        ServedVersions served = new ServedVersions("2.14.0", "4.3.0");

        assertThat(served.referenceFor(2)).isEqualTo(new ServedVersions.Reference(Arm.CHAMPION, "2.14.0"));
        assertThat(served.referenceFor(3)).isEqualTo(new ServedVersions.Reference(Arm.CHAMPION, "2.14.0"));
    }

    @Test
    void withoutAnExperimentEveryLineageIsJudgedAgainstTheChampion() {
        ServedVersions served = new ServedVersions("2.14.0", null);

        assertThat(served.referenceFor(4)).isEqualTo(new ServedVersions.Reference(Arm.CHAMPION, "2.14.0"));
    }

    @Test
    void withNothingPublishedThereIsNoReference() {
        ServedVersions served = new ServedVersions(null, null);

        assertThat(served.referenceFor(1)).isEqualTo(ServedVersions.Reference.NONE);
    }

    @Test
    void aReferenceNeedsBothAnArmAndAVersion() {
        assertThatThrownBy(() -> new ServedVersions.Reference(Arm.CHAMPION, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both an arm and a version");
    }
}
