package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClockOffsetEstimatorTest {
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_700_000_000L * S;

    /** 60 events 5 min apart; the device answers 0.2-0.8 s after each (on the capture's clock), plus background every 60-120 s for 40 h. */
    private static long[][] capture(long logBehindNanos, int jumpAt, long jump) {
        Random r = new Random(5);
        long[] events = new long[60];
        long[] starts = new long[60 + 2_000];
        int n = 0;
        for (int i = 0; i < events.length; i++) {
            long truth = T0 + i * 300 * S + r.nextInt(60) * S;
            events[i] = truth - logBehindNanos - (i >= jumpAt ? jump : 0);
            starts[n++] = truth + 200_000_000L + r.nextInt(600_000_000);
        }
        for (long t = T0 - 16 * 3600 * S; t < T0 + 24 * 3600 * S && n < starts.length; t += 60 * S + r.nextInt(60) * S) {
            starts[n++] = t;
        }
        long[] s = Arrays.copyOf(starts, n);
        Arrays.sort(s);
        return new long[][] {s, events};
    }

    @Test
    void findsATimeZoneOffset() {
        long[][] c = capture(3 * 3600 * S, 60, 0);
        ClockOffsetEstimator.Estimate e = ClockOffsetEstimator.estimate(c[0], c[1]);
        assertThat(e.found()).isTrue();
        assertThat(e.offsetNanos()).isEqualTo(3 * 3600 * S);
        assertThat(e.segments()).hasSize(1);
        assertThat(ClockOffsetEstimator.describe(e.offsetNanos())).isEqualTo("3 h 00 min");
    }

    @Test
    void findsASkewOfSecondsWithinOneSecond() {
        long[][] c = capture(-37 * S, 60, 0);
        ClockOffsetEstimator.Estimate e = ClockOffsetEstimator.estimate(c[0], c[1]);
        assertThat(e.found()).isTrue();
        assertThat(e.offsetNanos()).isBetween(-37 * S, -36 * S);
    }

    @Test
    void aLogOnTheCapturesClockHasNoOffset() {
        long[][] c = capture(0, 60, 0);
        assertThat(ClockOffsetEstimator.estimate(c[0], c[1]).found()).isFalse();
    }

    @Test
    void namesADaylightSavingJump() {
        long[][] c = capture(3600 * S, 25, 3600 * S);
        ClockOffsetEstimator.Estimate e = ClockOffsetEstimator.estimate(c[0], c[1]);
        assertThat(e.segments()).as(e.toString()).hasSize(2);
        assertThat(e.segments().get(1).firstEvent()).isEqualTo(25);
        assertThat(e.offsetOf(0)).isEqualTo(3600 * S);
        assertThat(e.offsetOf(30)).isEqualTo(7200 * S);
    }
}
