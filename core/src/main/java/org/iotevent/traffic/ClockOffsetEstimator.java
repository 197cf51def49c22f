package org.iotevent.traffic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds a constant offset between an event log's clock and the capture's: a log written in
 * local time (hours, and a daylight-saving jump inside it), or by a phone whose clock is off
 * (seconds). For each candidate offset within ±15 h, it counts the events followed by a burst
 * start of the device within a short window {@code W} after the shifted time; unrelated traffic
 * gives about the same count at every offset, the true offset stands out. {@code W} is tried at
 * 2 s, 16 s and 64 s (a log at minute resolution, or scattered by a scheduler, needs the wider
 * ones); the smallest window whose peak is nearly as significant as the best one is kept. The
 * peak must hold a third of the events, stand out from the mean count (6 Poisson standard
 * deviations: it is the best of about 10^5 offsets) and beat offset 0
 * clearly (3 standard deviations, and 20 % of the events), otherwise the offset is 0. Of the
 * offsets that reach the peak the largest is taken: it puts the earliest answer on its event
 * (a delay cannot be told from an offset, so the delays keep their least value near 0). An offset
 * within 2 minutes of a non-zero multiple of 15 minutes is taken as that multiple (a time zone;
 * what is left is the log's delay or resolution).
 * A daylight-saving jump: when shifting a tail (or a head) of the log by another hour explains at
 * least 3 and 10 % more events, the log is cut there.
 */
public final class ClockOffsetEstimator {
    /** Largest offset searched: 15 h either way. */
    public static final long RANGE_NANOS = 15 * 3_600_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long QUARTER_HOUR = 900 * SECOND;
    private static final long HOUR = 3_600 * SECOND;
    private static final long[] WINDOWS = {2 * SECOND, 16 * SECOND, 64 * SECOND};
    /** Pairs of an event and a burst start looked at, at most (about). */
    private static final double MAX_PAIRS = 20e6;

    private ClockOffsetEstimator() {}

    /**
     * One stretch of the log with its offset.
     *
     * @param firstEvent index of its first event in the time-sorted log
     * @param offsetNanos what to add to its events' times to put them on the capture's clock
     */
    public record Segment(int firstEvent, long offsetNanos) {}

    /**
     * The result.
     *
     * @param offsetNanos what to add to the log's times (0 when none was found); the first
     *     segment's when there are several
     * @param segments one segment a constant offset, in log order; one when no jump was found
     * @param windowNanos the window {@code W} used
     * @param explained events followed by a burst start within {@code W} at the offset
     * @param explainedAtZero the same at offset 0
     * @param events events searched
     */
    public record Estimate(long offsetNanos, List<Segment> segments, long windowNanos, int explained,
            int explainedAtZero, int events) {
        public Estimate {
            segments = List.copyOf(segments);
        }

        /** True when the log looks off the capture's clock. */
        public boolean found() {
            return segments.stream().anyMatch(s -> s.offsetNanos() != 0);
        }

        /** The offset of event {@code i} (time-sorted index). */
        public long offsetOf(int i) {
            long o = 0;
            for (Segment s : segments) {
                if (s.firstEvent() <= i) {
                    o = s.offsetNanos();
                }
            }
            return o;
        }
    }

    /**
     * @param starts the device's burst start times, ascending
     * @param events the events' times, ascending
     */
    public static Estimate estimate(long[] starts, long[] events) {
        int n = events.length;
        Estimate none = new Estimate(0, List.of(new Segment(0, 0)), WINDOWS[0], 0, 0, n);
        if (n < 3 || starts.length == 0) {
            return none;
        }
        // bounded work: about events x starts within the range; a busy device with a long log is
        // searched with every k-th event (the segments below use them all)
        double perRange = starts.length / (double) Math.max(1, starts[starts.length - 1] - starts[0]) * 2 * RANGE_NANOS;
        int stride = (int) Math.max(1, Math.ceil(Math.min(starts.length, perRange) * n / MAX_PAIRS));
        long[] searched = stride == 1 ? events : java.util.stream.IntStream.range(0, n).filter(i -> i % stride == 0)
                .mapToLong(i -> events[i]).toArray();
        int m = searched.length;
        double bestZ = 0;
        double[] z = new double[WINDOWS.length];
        long[] offsets = new long[WINDOWS.length];
        int[] peaks = new int[WINDOWS.length];
        int[] zeros = new int[WINDOWS.length];
        for (int w = 0; w < WINDOWS.length; w++) {
            long window = WINDOWS[w];
            long step = Math.max(SECOND / 2, window / 4);
            int[] score = scores(starts, searched, window, step, RANGE_NANOS);
            int[] sorted = score.clone();
            Arrays.sort(sorted);
            int typical = sorted[sorted.length / 2];
            int peak = sorted[sorted.length - 1];
            int zero = score[(int) (RANGE_NANOS / step)];
            double mean = Arrays.stream(score).average().orElse(0);
            double sd = Math.sqrt(Math.max(Math.max(typical, mean), 1));
            // the best of ~10^5 offsets: at least a third of the events, 6 deviations above the mean
            boolean clear = (peak - mean) / sd >= 6 && peak >= Math.max(3, m / 3) && (peak - zero) / sd >= 3
                    && peak - zero >= Math.max(2, m / 5);
            z[w] = clear ? (peak - mean) / sd : 0;
            int last = 0;
            while (score[last] != peak) {
                last++;
            }
            while (last + 1 < score.length && score[last + 1] == peak) {
                last++;
            }
            offsets[w] = last * step - RANGE_NANOS; // the earliest answer lands on its event
            peaks[w] = peak;
            zeros[w] = zero;
            bestZ = Math.max(bestZ, z[w]);
        }
        if (bestZ == 0) {
            return new Estimate(0, List.of(new Segment(0, 0)), WINDOWS[0], zeros[0], zeros[0], n);
        }
        int w = 0;
        while (z[w] < 0.8 * bestZ) {
            w++;
        }
        long window = WINDOWS[w];
        long offset = offsets[w];
        long quarter = Math.round(offset / (double) QUARTER_HOUR) * QUARTER_HOUR;
        if (quarter != 0 && Math.abs(offset - quarter) <= 2 * 60 * SECOND) {
            offset = quarter;
        }
        List<Segment> segments = segments(starts, events, window, offset);
        return new Estimate(segments.get(0).offsetNanos(), segments, window, peaks[w], zeros[w], m);
    }

    /** One segment at {@code offset}, or two when another hour explains a head or tail of the log better. */
    private static List<Segment> segments(long[] starts, long[] events, long window, long offset) {
        int n = events.length;
        boolean[] base = explained(starts, events, window, offset);
        int baseCount = count(base, 0, n);
        List<Segment> best = List.of(new Segment(0, offset));
        int bestCount = baseCount + Math.max(3, n / 10) - 1;
        for (long jump : new long[] {HOUR, -HOUR}) {
            boolean[] other = explained(starts, events, window, offset + jump);
            for (int k = 1; k < n; k++) {
                int tail = count(base, 0, k) + count(other, k, n);
                if (tail > bestCount) {
                    bestCount = tail;
                    best = List.of(new Segment(0, offset), new Segment(k, offset + jump));
                }
                int head = count(other, 0, k) + count(base, k, n);
                if (head > bestCount) {
                    bestCount = head;
                    best = List.of(new Segment(0, offset + jump), new Segment(k, offset));
                }
            }
        }
        return best;
    }

    private static int count(boolean[] b, int from, int to) {
        int c = 0;
        for (int i = from; i < to; i++) {
            c += b[i] ? 1 : 0;
        }
        return c;
    }

    /** Whether each event, shifted by {@code offset}, is followed by a start within {@code window}. */
    private static boolean[] explained(long[] starts, long[] events, long window, long offset) {
        boolean[] out = new boolean[events.length];
        for (int i = 0; i < events.length; i++) {
            int s = ParameterEstimator.firstAtLeast(starts, events[i] + offset);
            out[i] = s < starts.length && starts[s] - events[i] - offset <= window;
        }
        return out;
    }

    /**
     * For each offset on a grid of {@code step} over ±{@code range}, the number of events
     * with a start within {@code window} after their time plus the offset.
     */
    private static int[] scores(long[] starts, long[] events, long window, long step, long range) {
        int cells = (int) (2 * range / step) + 1;
        int[] score = new int[cells];
        // d / step without a division per pair (they cost most of the time): each start's quotient and
        // remainder once, each event's once, then d = starts[s] - (t - range) splits into their differences
        long[] q = new long[starts.length];
        long[] r = new long[starts.length];
        for (int s = 0; s < starts.length; s++) {
            q[s] = Math.floorDiv(starts[s], step);
            r[s] = Math.floorMod(starts[s], step);
        }
        long windowCells = window / step;
        long windowRest = window % step;
        for (long t : events) {
            long qt = Math.floorDiv(t - range, step);
            long rt = Math.floorMod(t - range, step);
            int last = -1;
            for (int s = ParameterEstimator.firstAtLeast(starts, t - range); s < starts.length && starts[s] - t <= range + window;
                    s++) {
                // d = starts[s] - t + range = cell * step + rest, 0 <= rest < step
                long cell = q[s] - qt - (r[s] < rt ? 1 : 0);
                long rest = r[s] - rt + (r[s] < rt ? step : 0);
                // offsets o with d - window <= o <= d (shifted by the range): cells ceil((d - window) / step) to
                // floor(d / step)
                long first = cell - windowCells + (rest > windowRest ? 1 : 0);
                int from = (int) Math.max(last + 1, Math.max(0, first));
                int to = (int) Math.min(cells - 1, cell);
                for (int c = from; c <= to; c++) {
                    score[c]++;
                }
                last = Math.max(last, to);
            }
        }
        return score;
    }

    /**
     * How the delays from the events to the device's traffic spread, at a given offset.
     *
     * @param q10Nanos the delay below which 10 % of the events' excess traffic starts
     * @param q90Nanos the same for 90 %
     * @param eventsWithTraffic the excess burst starts within ±{@link #SCATTER_RANGE_NANOS} over
     *     the background, about the number of events that have traffic near them
     * @param peakNanos the delay with the most excess starts
     * @param peakShare the share of the excess within 2 s of that delay
     */
    public record Scatter(long q10Nanos, long q90Nanos, double eventsWithTraffic, long peakNanos, double peakShare) {
        /** The 10-90 % spread. */
        public long spreadNanos() {
            return q90Nanos - q10Nanos;
        }

        /** True when the delays spread over more than 20 s and at most half of the excess lies within 2 s of the peak. */
        public boolean scattered() {
            return peakShare < 0.5 && spreadNanos() > 20 * SECOND;
        }
    }

    /** Delays looked at for the scatter: ±120 s. */
    public static final long SCATTER_RANGE_NANOS = 120 * SECOND;

    /**
     * The spread of the delays from the events (shifted by {@code offset}) to the device's burst
     * starts, before or after them, within ±120 s (less than half the median spacing of the
     * events): the counts at each 1-s delay, less the count the device's mean rate of burst
     * starts gives, summed; null when that excess is under 3 events, a fifth of them, or 3
     * standard deviations of the background summed over the delays (a busy device and few
     * events: nothing can be said).
     */
    public static Scatter scatter(long[] starts, long[] events, long offset) {
        long step = SECOND;
        long[] spacing = new long[Math.max(0, events.length - 1)];
        for (int i = 1; i < events.length; i++) {
            spacing[i - 1] = events[i] - events[i - 1];
        }
        Arrays.sort(spacing);
        // delays beyond half the spacing of the triggers would meet the neighbours' traffic
        long range = Math.min(SCATTER_RANGE_NANOS, spacing.length == 0 ? SCATTER_RANGE_NANOS
                : (spacing[spacing.length / 2] / 2 - SECOND) / SECOND * SECOND);
        long first = starts[0];
        long last = starts[starts.length - 1];
        long[] inside = Arrays.stream(events).map(t -> t + offset)
                .filter(t -> t - range >= first && t + range <= last).toArray();
        if (range < 5 * SECOND || inside.length == 0 || last <= first) {
            return null;
        }
        int[] score = scores(starts, inside, step, step, range);
        // the device's rate of burst starts, less one a trigger (its answer is the signal)
        double background = inside.length * (double) Math.max(0, starts.length - events.length) / (last - first) * step;
        double[] excess = new double[score.length];
        int near = score.length / 2;
        double total = 0;
        for (int i = 0; i < excess.length; i++) {
            excess[i] = score[i] - background;
            total += excess[i];
        }
        // the signal must stand out from the background's noise summed over every delay
        if (total < Math.max(3, inside.length / 5.0) || total < 3 * Math.sqrt(excess.length * background)) {
            return null;
        }
        double run = 0;
        long q10 = Long.MIN_VALUE;
        long q90 = Long.MIN_VALUE;
        for (int i = 0; i < excess.length; i++) {
            run += excess[i];
            long delay = (i - near) * step;
            if (q10 == Long.MIN_VALUE && run >= 0.1 * total) {
                q10 = delay;
            }
            if (q90 == Long.MIN_VALUE && run >= 0.9 * total) {
                q90 = delay;
            }
        }
        int peak = 0;
        for (int i = 1; i < excess.length; i++) {
            peak = excess[i] > excess[peak] ? i : peak;
        }
        double around = 0;
        for (int i = Math.max(0, peak - 2); i <= Math.min(excess.length - 1, peak + 2); i++) {
            around += excess[i];
        }
        return new Scatter(q10, q90, total, (peak - near) * step, around / total);
    }

    /** "5 h 00 min", "12 s", "1 h 02 min 03 s": an offset's size in words. */
    public static String describe(long nanos) {
        long s = Math.round(Math.abs(nanos) / 1e9);
        long h = s / 3600;
        long m = s % 3600 / 60;
        long sec = s % 60;
        List<String> parts = new ArrayList<>();
        if (h > 0) {
            parts.add(h + " h");
            parts.add(String.format(java.util.Locale.ROOT, "%02d min", m));
        } else if (m > 0) {
            parts.add(m + " min");
        }
        if (sec > 0 || parts.isEmpty()) {
            parts.add(sec + " s");
        }
        return String.join(" ", parts);
    }
}
