package org.iotevent.evaluate.defence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DefencesTest {
    private static final long MS = 1_000_000L;
    /** An on event: 235 B out, 139 B in, 1213 B in, 1400 B out; then a heartbeat 10 s later. */
    private static final PacketTrace TRACE = PacketTrace.of(new long[] {0, 30 * MS, 60 * MS, 90 * MS, 10_000 * MS},
            new int[] {-235, 139, 1213, -1400, -33});

    @Test
    void blockPaddingRoundsUpKeepsDirectionAndStopsAtTheMtu() {
        assertThat(new Defences.BlockPadding(64).apply(TRACE, 1).signedLengths())
                .containsExactly(-256, 192, 1216, -1408, -64);
        assertThat(new Defences.BlockPadding(256).apply(TRACE, 1).signedLengths())
                .containsExactly(-256, 256, 1280, -1500, -256);
        assertThat(new Defences.BlockPadding(Defences.MTU).apply(TRACE, 1).signedLengths())
                .containsExactly(-1500, 1500, 1500, -1500, -1500);
        assertThat(new Defences.BlockPadding(64).apply(TRACE, 1).timeNanos()).containsExactly(TRACE.timeNanos());
    }

    @Test
    void randomPaddingIsSeededAndBounded() {
        Defence d = new Defences.RandomPadding(255);
        int[] a = d.apply(TRACE, 5).signedLengths();
        assertThat(d.apply(TRACE, 5).signedLengths()).containsExactly(a);
        assertThat(d.apply(TRACE, 6).signedLengths()).isNotEqualTo(a);
        int[] in = TRACE.signedLengths();
        for (int i = 0; i < a.length; i++) {
            assertThat(Integer.signum(a[i])).isEqualTo(Integer.signum(in[i]));
            assertThat(Math.abs(a[i])).isBetween(Math.abs(in[i]), Math.max(Math.abs(in[i]), Math.min(Defences.MTU,
                    Math.abs(in[i]) + 255)));
        }
    }

    @Test
    void constantSizePadsEachDirectionToItsLongest() {
        assertThat(new Defences.ConstantSize().apply(TRACE, 1).signedLengths())
                .containsExactly(-1400, 1213, 1213, -1400, -1400);
    }

    @Test
    void vpnPadsToSixteenAndAddsWireGuardHeaders() {
        assertThat(new Defences.Vpn().apply(TRACE, 1).signedLengths()).containsExactly(-300, 204, 1276, -1468, -108);
        assertThat(new Defences.Vpn().homeWide()).isTrue();
    }

    @Test
    void shapingSendsEqualCellsAtAConstantRateAndDelaysEveryPacketOnce() {
        PacketTrace out = new Defences.Shaping(20 * MS, 1_000 * MS, 0).apply(TRACE, 1);
        int delivered = 0;
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.length(i)).isIn(1213, -1400);
            delivered += out.delayNanos()[i] >= 0 ? 1 : 0;
        }
        assertThat(delivered).as("each original packet completes once").isEqualTo(TRACE.size());
        assertThat(out.size()).as("two on-periods of 1 s, two cells every 20 ms").isEqualTo(2 * 2 * 50);
        assertThat(out.time(1) - out.time(0)).isEqualTo(10 * MS);
        assertThat(out.meanDelayNanos()).isPositive().isLessThan(40.0 * MS);
    }

    @Test
    void shapingCoverAddsOnPeriodsWhileIdle() {
        PacketTrace without = new Defences.Shaping(20 * MS, 1_000 * MS, 0).apply(TRACE, 1);
        PacketTrace with = new Defences.Shaping(20 * MS, 1_000 * MS, 0.5).apply(TRACE, 1);
        assertThat(with.size()).isGreaterThan(without.size());
        assertThat(with.size() % 100).as("whole on-periods of 50 cell pairs").isZero();
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThatThrownBy(() -> new Defences.BlockPadding(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Defences.Shaping(10 * MS, MS, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
