package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParameterEstimatorTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /**
     * A device with a keep-alive exchange every 3 to 3.05 s and, 0.3 to 1.2 s after each of 100
     * triggers 60 s apart, a burst of 6 to 14 packets a few to 200 ms apart.
     */
    private static long[][] capture(long seed) {
        Random r = new Random(seed);
        List<Long> packets = new ArrayList<>();
        long[] events = new long[100];
        long t0 = 1_700_000_000L * S;
        for (int e = 0; e < events.length; e++) {
            events[e] = t0 + (e + 1) * 60 * S;
            long t = events[e] + 300 * MS + (long) (r.nextDouble() * 900 * MS);
            int n = 6 + r.nextInt(9);
            for (int i = 0; i < n; i++) {
                packets.add(t);
                t += 2 * MS + (long) (r.nextDouble() * 200 * MS);
            }
        }
        for (long t = t0 + 1_100 * MS; t < t0 + 101 * 60 * S; t += 3 * S + r.nextInt(50) * MS) {
            packets.add(t);
            packets.add(t + 30 * MS + r.nextInt(20) * MS);
        }
        return new long[][] {packets.stream().mapToLong(Long::longValue).sorted().toArray(), events};
    }

    @Test
    void gapFallsBetweenBurstPacketsAndHeartbeats() {
        long[][] c = capture(1);
        ParameterEstimator.Estimate e = ParameterEstimator.estimate(c[0], c[1]);
        assertThat(e.gapNanos()).isBetween(210 * MS, 2_900 * MS);
        assertThat(e.gapsBelow()).isGreaterThan(e.gapsAbove());
    }

    @Test
    void windowCoversTheTriggerDelayWithoutReachingTheNextHeartbeats() {
        long[][] c = capture(2);
        ParameterEstimator.Estimate e = ParameterEstimator.estimate(c[0], c[1]);
        assertThat(e.windowNanos()).isBetween(1_200 * MS, 3_000 * MS);
        assertThat(e.events()).isEqualTo(100);
        assertThat(e.eventsWithBurst()).isGreaterThanOrEqualTo(95);
        assertThat(e.medianDelayNanos()).isBetween(0L, 1_200 * MS);
    }

    @Test
    void tooFewPacketsOrNoEventsAreRefused() {
        assertThatThrownBy(() -> ParameterEstimator.estimateGap(new long[] {1, 2}))
                .hasMessageContaining("at least 3");
        assertThatThrownBy(() -> ParameterEstimator.estimate(new long[] {1, 2, 3}, new long[0]))
                .hasMessageContaining("at least one event");
        assertThatThrownBy(() -> ParameterEstimator.estimateGap(new long[] {3, 2, 1}))
                .hasMessageContaining("go back");
    }
}
