package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BurstRuleTest {
    static final long S = 1_000_000_000L;

    @Test
    void aPacketExactlyTheGapAfterJoinsOneNanosecondMoreCuts() {
        BurstRule rule = new BurstRule(S, 10);
        assertThat(rule.cuts(10 * S, 11 * S)).isFalse();
        assertThat(rule.cuts(10 * S, 11 * S + 1)).isTrue();
        assertThat(rule.cuts(10 * S, 9 * S)).as("a reordered packet joins").isFalse();
        assertThat(rule.deadline(10 * S)).isEqualTo(11 * S);
        assertThat(rule.cuts(10 * S, rule.deadline(10 * S))).isFalse();
        assertThat(rule.deadline(Long.MAX_VALUE - 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aBurstIsFullAtTheBound() {
        BurstRule rule = new BurstRule(S, 3);
        assertThat(rule.full(2)).isFalse();
        assertThat(rule.full(3)).isTrue();
        assertThat(BurstRule.of(S).maxPackets()).isEqualTo(BurstSegmenter.DEFAULT_MAX_PACKETS);
    }

    @Test
    void badParametersAreRefused() {
        assertThatThrownBy(() -> new BurstRule(0, 3)).hasMessageContaining("gap must be > 0 ns");
        assertThatThrownBy(() -> new BurstRule(S, 0)).hasMessageContaining("maxPackets must be >= 1");
    }
}
