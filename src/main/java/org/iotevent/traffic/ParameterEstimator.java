package org.iotevent.traffic;

import java.util.Arrays;

/**
 * Chooses the paper's {@code a} (burst gap) and {@code b} (pairing window) from a training
 * capture and its event log, so the user need not guess them.
 *
 * <p>{@code a}: inter-packet gaps of a device are bimodal on a log scale: short ones inside a
 * burst (a request and its responses, milliseconds to a few hundred), long ones between
 * bursts (heartbeat periods, the time between triggers). The split is found by Otsu's method
 * on the histogram of log10 gaps, and {@code a} is placed at the geometric middle of the
 * empty stretch around it (between the largest gap below and the smallest gap above).
 *
 * <p>{@code b}: with bursts cut at {@code a}, the start delays of all bursts within a horizon
 * after each trigger are histogrammed. The device's own traffic starts bursts uniformly in
 * time, so most bins hold a background count; bursts caused by the triggers pile up in the
 * first bins. {@code b} is the end of the first run of bins significantly above the background
 * (Poisson, median + 3 standard deviations; runs may have gaps of up to 3 bins), plus one bin
 * of margin. Only the first run counts, because periodic background (a heartbeat in phase
 * with periodic triggers) makes later spikes that no trigger caused.
 */
public final class ParameterEstimator {

    /** Bounds of the chosen {@code a}: 10 ms to 60 s. */
    public static final long MIN_GAP_NANOS = 10_000_000L;
    public static final long MAX_GAP_NANOS = 60_000_000_000L;
    /** Bins of the trigger-delay histogram: 100 ms. */
    public static final long DELAY_BIN_NANOS = 100_000_000L;
    /** Longest delay considered between a trigger and the burst it causes: 30 s. */
    public static final long MAX_DELAY_NANOS = 30_000_000_000L;

    /** Empty bins tolerated inside the run of significant bins that makes up the window. */
    private static final int RUN_TOLERANCE_BINS = 3;
    private static final int BINS_PER_DECADE = 20;
    private static final double LOG_MIN = -7;
    private static final double LOG_MAX = 4;

    private ParameterEstimator() {}

    /**
     * What was chosen, and the evidence, for {@code train} to report.
     *
     * @param gapNanos the chosen {@code a}, nanoseconds
     * @param windowNanos the chosen {@code b}, nanoseconds
     * @param gapsBelow inter-packet gaps at most {@code a} (inside bursts)
     * @param gapsAbove inter-packet gaps above {@code a} (between bursts)
     * @param eventsWithBurst events followed by a burst start within {@code b}
     * @param events events in the capture's time span
     * @param medianDelayNanos median delay from a trigger to the first burst start after it
     *     (-1 when no event has one)
     */
    public record Estimate(long gapNanos, long windowNanos, long gapsBelow, long gapsAbove,
            int eventsWithBurst, int events, long medianDelayNanos) {
        public Estimate {
            if (gapNanos <= 0 || windowNanos < 0 || gapsBelow < 0 || gapsAbove < 0 || events < 0
                    || eventsWithBurst < 0 || eventsWithBurst > events) {
                throw new IllegalArgumentException("inconsistent estimate");
            }
        }
    }

    /**
     * Estimates {@code a} from the device's packet times alone.
     *
     * @param packetNanos the device's packet times, nanoseconds since the epoch, ascending
     * @return {@code a} in nanoseconds, within [{@link #MIN_GAP_NANOS}, {@link #MAX_GAP_NANOS}]
     * @throws IllegalArgumentException when there are fewer than 3 packets or times go back
     */
    public static long estimateGap(long[] packetNanos) {
        if (packetNanos.length < 3) {
            throw new IllegalArgumentException("need at least 3 of the device's packets to choose a, found "
                    + packetNanos.length);
        }
        int bins = (int) ((LOG_MAX - LOG_MIN) * BINS_PER_DECADE);
        long[] hist = new long[bins];
        double[] logs = new double[packetNanos.length - 1];
        for (int i = 1; i < packetNanos.length; i++) {
            long gap = packetNanos[i] - packetNanos[i - 1];
            if (gap < 0) {
                throw new IllegalArgumentException("packet times go back at packet " + (i + 1));
            }
            double lg = Math.log10(Math.max(gap, 1) / 1e9);
            logs[i - 1] = lg;
            hist[bin(lg, bins)]++;
        }
        int split = otsu(hist);
        double splitLog = LOG_MIN + (double) split / BINS_PER_DECADE;
        double below = Double.NEGATIVE_INFINITY;
        double above = Double.POSITIVE_INFINITY;
        for (double lg : logs) {
            if (lg < splitLog) {
                below = Math.max(below, lg);
            } else {
                above = Math.min(above, lg);
            }
        }
        double chosen;
        if (below == Double.NEGATIVE_INFINITY) {
            chosen = above - 0.3;
        } else if (above == Double.POSITIVE_INFINITY) {
            chosen = below + 0.3;
        } else {
            chosen = (below + above) / 2;
        }
        long nanos = Math.round(Math.pow(10, chosen) * 1e9);
        return Math.max(MIN_GAP_NANOS, Math.min(MAX_GAP_NANOS, nanos));
    }

    /**
     * Estimates {@code a}, then {@code b}.
     *
     * @param packetNanos the device's packet times, nanoseconds since the epoch, ascending
     * @param eventNanos the triggers' times, nanoseconds since the epoch, ascending
     * @return the estimate
     * @throws IllegalArgumentException when there are fewer than 3 packets or no event
     */
    public static Estimate estimate(long[] packetNanos, long[] eventNanos) {
        if (eventNanos.length == 0) {
            throw new IllegalArgumentException("need at least one event to choose b");
        }
        long gap = estimateGap(packetNanos);
        long below = 0;
        long[] starts = new long[packetNanos.length];
        int nStarts = 0;
        for (int i = 0; i < packetNanos.length; i++) {
            if (i == 0 || packetNanos[i] - packetNanos[i - 1] > gap) {
                starts[nStarts++] = packetNanos[i];
            } else {
                below++;
            }
        }
        long above = packetNanos.length - 1 - below;
        starts = Arrays.copyOf(starts, nStarts);
        long horizon = Math.min(MAX_DELAY_NANOS, horizon(eventNanos));
        int bins = (int) Math.max(1, horizon / DELAY_BIN_NANOS);
        long[] hist = new long[bins];
        long[] firstDelay = new long[eventNanos.length];
        int withFirst = 0;
        int inSpan = 0;
        for (int e = 0; e < eventNanos.length; e++) {
            long t = eventNanos[e];
            if (t < packetNanos[0] || t > packetNanos[packetNanos.length - 1]) {
                continue;
            }
            inSpan++;
            int s = firstAtLeast(starts, t);
            boolean first = true;
            for (; s < starts.length && starts[s] - t < (long) bins * DELAY_BIN_NANOS; s++) {
                hist[(int) ((starts[s] - t) / DELAY_BIN_NANOS)]++;
                if (first) {
                    firstDelay[withFirst++] = starts[s] - t;
                    first = false;
                }
            }
        }
        long window = window(hist);
        int within = 0;
        for (int i = 0; i < withFirst; i++) {
            if (firstDelay[i] <= window) {
                within++;
            }
        }
        long[] delays = Arrays.copyOf(firstDelay, withFirst);
        Arrays.sort(delays);
        long median = withFirst == 0 ? -1 : delays[withFirst / 2];
        return new Estimate(gap, window, below, above, within, inSpan, median);
    }

    /** Half the median spacing of consecutive triggers, so windows of neighbours do not overlap. */
    private static long horizon(long[] eventNanos) {
        if (eventNanos.length < 2) {
            return MAX_DELAY_NANOS;
        }
        long[] d = new long[eventNanos.length - 1];
        for (int i = 1; i < eventNanos.length; i++) {
            d[i - 1] = eventNanos[i] - eventNanos[i - 1];
        }
        Arrays.sort(d);
        return Math.max(DELAY_BIN_NANOS, d[d.length / 2] / 2);
    }

    private static long window(long[] hist) {
        long[] sorted = hist.clone();
        Arrays.sort(sorted);
        double background = sorted[sorted.length / 2];
        double significant = background + 3 * Math.sqrt(Math.max(background, 1)) + 1;
        int last = -1;
        for (int i = 0; i < hist.length; i++) {
            if (hist[i] >= significant) {
                if (last >= 0 && i - last > RUN_TOLERANCE_BINS) {
                    break;
                }
                last = i;
            }
        }
        if (last < 0) {
            return DELAY_BIN_NANOS * Math.min(hist.length, 50);
        }
        return (long) Math.min(hist.length, last + 2) * DELAY_BIN_NANOS;
    }

    private static int bin(double lg, int bins) {
        int b = (int) Math.floor((lg - LOG_MIN) * BINS_PER_DECADE);
        return Math.max(0, Math.min(bins - 1, b));
    }

    /** Otsu's threshold: the bin index that splits the histogram with the most between-class variance. */
    private static int otsu(long[] hist) {
        double total = 0;
        double sum = 0;
        for (int i = 0; i < hist.length; i++) {
            total += hist[i];
            sum += (double) i * hist[i];
        }
        double w0 = 0;
        double sum0 = 0;
        double bestVar = -1;
        int best = hist.length / 2;
        for (int t = 1; t < hist.length; t++) {
            w0 += hist[t - 1];
            sum0 += (double) (t - 1) * hist[t - 1];
            double w1 = total - w0;
            if (w0 == 0 || w1 == 0) {
                continue;
            }
            double m0 = sum0 / w0;
            double m1 = (sum - sum0) / w1;
            double var = w0 * w1 * (m0 - m1) * (m0 - m1);
            if (var > bestVar) {
                bestVar = var;
                best = t;
            }
        }
        return best;
    }

    private static int firstAtLeast(long[] a, long v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
