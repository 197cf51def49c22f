package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BurstSegmenterTest {
    static final long S = 1_000_000_000L;

    @Test
    void cutsWhereTheGapExceedsA() {
        List<Burst> out = new ArrayList<>();
        BurstSegmenter seg = new BurstSegmenter(S, 1000, out::add);
        seg.add(10 * S, 1, -100);
        seg.add(10 * S + S, 2, 200); // exactly a: same burst
        seg.add(12 * S + 1, 3, -300); // more than a: new burst
        seg.flush();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).signedLengths()).containsExactly(-100, 200);
        assertThat(out.get(0).startNanos()).isEqualTo(10 * S);
        assertThat(out.get(0).endNanos()).isEqualTo(11 * S);
        assertThat(out.get(0).firstFrame()).isEqualTo(1);
        assertThat(out.get(0).lastFrame()).isEqualTo(2);
        assertThat(out.get(1).signedLengths()).containsExactly(-300);
    }

    @Test
    void packetTimeFromOtherTrafficClosesTheBurst() {
        List<Burst> out = new ArrayList<>();
        BurstSegmenter seg = new BurstSegmenter(S, 1000, out::add);
        seg.add(10 * S, 1, -100);
        seg.advance(10 * S + S / 2);
        assertThat(out).isEmpty();
        seg.advance(12 * S);
        assertThat(out).hasSize(1);
    }

    @Test
    void reorderedPacketsJoinTheOpenBurst() {
        List<Burst> out = new ArrayList<>();
        BurstSegmenter seg = new BurstSegmenter(S, 1000, out::add);
        seg.add(10 * S, 1, 1);
        seg.add(9 * S, 2, 2);
        seg.add(10 * S + S / 2, 3, 3);
        seg.flush();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).endNanos()).isEqualTo(10 * S + S / 2);
    }

    @Test
    void aBurstReachingTheBoundIsClosedThere() {
        List<Burst> out = new ArrayList<>();
        BurstSegmenter seg = new BurstSegmenter(S, 3, out::add);
        for (int i = 1; i <= 7; i++) {
            seg.add(10 * S + i, i, i);
        }
        seg.flush();
        assertThat(out).extracting(Burst::packetCount).containsExactly(3, 3, 1);
        assertThat(seg.splitAtMax()).isEqualTo(2);
    }

    @Test
    void flushWithNothingOpenDeliversNothing() {
        List<Burst> out = new ArrayList<>();
        BurstSegmenter seg = new BurstSegmenter(S, 10, out::add);
        seg.flush();
        assertThat(out).isEmpty();
        assertThat(seg.bursts()).isZero();
    }
}
