package io.autoloop.router.service.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelStoreTest {

    @Test
    void remembersTheLastRejectionsOnly() {
        // given ten more rejected versions than the store keeps
        ModelStore store = new ModelStore();
        int versions = ModelStore.REJECTIONS_KEPT + 10;
        for (int i = 1; i <= versions; i++) {
            store.reject("1." + i + ".0", "checksum mismatch " + i);
        }

        // then the ten rejected first are forgotten (verified again if asked for) and the rest are remembered
        assertThat(store.rejection("1.10.0")).isEmpty();
        assertThat(store.rejection("1.11.0")).contains("checksum mismatch 11");
        assertThat(store.rejection("1." + versions + ".0")).contains("checksum mismatch " + versions);
    }
}
