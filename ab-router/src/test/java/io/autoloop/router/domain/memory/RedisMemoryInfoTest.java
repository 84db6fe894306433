package io.autoloop.router.domain.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RedisMemoryInfoTest {

    private static final String INFO = "# Memory\r\nused_memory:536870912\r\nused_memory_human:512.00M\r\n"
            + "used_memory_rss:600000000\r\nmaxmemory:4294967296\r\nmaxmemory_human:4.00G\r\n"
            + "maxmemory_policy:noeviction\r\n";

    @Test
    void readsTheBytesInUseAndTheLimit() {
        RedisMemoryInfo memory = RedisMemoryInfo.parse(INFO);

        assertThat(memory.usedBytes()).isEqualTo(536_870_912L);
        assertThat(memory.maxBytes()).isEqualTo(4_294_967_296L);
        assertThat(memory.usedRatio()).isCloseTo(0.125, within(1e-12));
    }

    @Test
    void aRedisWithoutALimitHasNoRatio() {
        RedisMemoryInfo memory = RedisMemoryInfo.parse("used_memory:1024\nmaxmemory:0\n");

        assertThat(memory.maxBytes()).isZero();
        assertThat(memory.usedRatio()).isNaN();
    }

    @Test
    void anAnswerWithoutTheFieldsIsRefusedNamingTheMissingOne() {
        assertThatThrownBy(() -> RedisMemoryInfo.parse("# Memory\r\nused_memory:1024\r\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxmemory");
    }
}
