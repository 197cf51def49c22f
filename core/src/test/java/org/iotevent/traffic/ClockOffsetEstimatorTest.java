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

    /**
     * The scores count, per offset cell, the events with a burst start within the window after them; they
     * are computed without a division per (event, start) pair. Against the plain computation (each cell
     * range from a division) on random captures: grids of many steps, windows a multiple of the step or
     * not, times before the epoch.
     */
    @Test
    void scoresEqualThePlainComputation() {
        Random r = new Random(17);
        for (int run = 0; run < 2_000; run++) {
            long span = (long) (r.nextDouble() * 3e14);
            long base = r.nextBoolean() ? T0 : -r.nextInt(1_000_000) * S;
            // times at whole seconds in half of the runs (a log's resolution): cell bounds are met exactly
            long unit = r.nextBoolean() ? S : 1;
            long[] starts = new long[1 + r.nextInt(200)];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = base + (long) (r.nextDouble() * span) / unit * unit;
            }
            Arrays.sort(starts);
            long[] events = new long[1 + r.nextInt(40)];
            for (int i = 0; i < events.length; i++) {
                // half of them just before a start, the others anywhere
                events[i] = r.nextBoolean() ? starts[r.nextInt(starts.length)] - r.nextInt(3_000) * 1_000_000L / unit * unit
                        : base + (long) (r.nextDouble() * span) / unit * unit;
            }
            Arrays.sort(events);
            long step = r.nextBoolean() ? S / 2 << r.nextInt(6) : S / 10 + (long) (r.nextDouble() * 20 * S);
            long window = r.nextBoolean() ? 4 * step : (long) (r.nextDouble() * 70 * S);
            long range = step * (1 + r.nextInt((int) (10 * 3600 * S / step))); // as the estimator: whole steps
            assertThat(ClockOffsetEstimator.scores(starts, events, window, step, range))
                    .as("run %d", run).isEqualTo(plainScores(starts, events, window, step, range));
        }
    }

    private static int[] plainScores(long[] starts, long[] events, long window, long step, long range) {
        int[] score = new int[(int) (2 * range / step) + 1];
        for (long t : events) {
            boolean[] hit = new boolean[score.length];
            for (long s : starts) {
                long d = s - t + range; // offsets o in [d - window, d] put this start within the window
                if (d >= 0 && d - window <= 2 * range) {
                    long from = Math.max(0, -Math.floorDiv(-(d - window), step));
                    long to = Math.min(score.length - 1, Math.floorDiv(d, step));
                    for (long c = from; c <= to; c++) {
                        hit[(int) c] = true;
                    }
                }
            }
            for (int c = 0; c < score.length; c++) {
                score[c] += hit[c] ? 1 : 0;
            }
        }
        return score;
    }
}
