package org.iotevent.traffic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chooses the paper's {@code a} (burst gap) and {@code b} (pairing window) from a training
 * capture and its event log, so the user need not guess them: one trigger should give one
 * event burst where the device answers with one exchange, and {@code b} should cover the delay
 * from most triggers to their traffic.
 *
 * <p>Provisional {@code a}: inter-packet gaps are bimodal on a log scale (inside exchanges,
 * between them); Otsu's method on the histogram of log10 gaps splits them
 * ({@link #estimateGap}). On a busy real device this cuts an exchange wherever it pauses for a
 * round trip (PingPong's TP-Link plug: 0.023 s, 3 to 5 bursts a trigger), so it only serves to
 * find a first window.
 *
 * <p>{@code b}: burst starts within a horizon after the triggers are counted against the
 * device's background rate of burst starts (starts away from any trigger); the excess over
 * background (the rate of starts in as long a time before the triggers), as a function of the
 * delay, rises while the triggers' traffic arrives and then stays flat but for noise. {@code b}
 * is where it first reaches 95 % of its value where its lower bound (excess less two standard
 * deviations of the background count) is highest over the horizon; then cut to the latest first
 * burst of a trigger within that reach, plus a tenth (at least 0.2 s) of margin, and never more
 * than half the median spacing of the triggers.
 *
 * <p>{@code a}: for gaps on a grid (20 a decade, 5 ms to 10 s), count the bursts that start
 * within a reach after a trigger ({@code b} plus the median length of the triggers' first bursts
 * at the provisional gap: answers may go on after {@code b}) but after the trigger's first burst, less what the device's
 * own traffic (its rate of burst starts before the triggers) would start in the part of the
 * window the first burst leaves free: the extra bursts a trigger's answer was cut into. The
 * chosen gap is the smallest within 0.02 of the fewest extra bursts per answered trigger seen on the
 * grid, up to ten times the first gap with at most 0.1 and before a longer gap would merge triggers'
 * answers with the traffic before them, moved to the
 * geometric middle between the longest gap inside the triggers' bursts and the shortest gap
 * around them. Then {@code b} is estimated again with it.
 */
public final class ParameterEstimator {

    /** Bounds of the chosen {@code a}: 5 ms to 60 s. */
    public static final long MIN_GAP_NANOS = 5_000_000L;
    public static final long MAX_GAP_NANOS = 60_000_000_000L;
    /** Resolution of {@code b}: 100 ms. */
    public static final long DELAY_BIN_NANOS = 100_000_000L;
    /** Longest delay considered between a trigger and the burst it causes: 30 s. */
    public static final long MAX_DELAY_NANOS = 30_000_000_000L;
    /** Largest gap tried for {@code a}: 10 s. */
    private static final long MAX_GRID_GAP_NANOS = 10_000_000_000L;
    /** Extra bursts per answered trigger accepted as "one burst a trigger". */
    private static final double EXTRA_BURSTS = 0.1;

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
     * @param medianDelayNanos median delay from a trigger to the first burst start after it, over
     *     the events with one within {@code b} (-1 when none has)
     * @param delayQ10Nanos 10 % quantile of those delays (-1 when none)
     * @param delayQ90Nanos 90 % quantile of those delays (-1 when none)
     * @param extraBurstsPerTrigger bursts starting within {@code b} after a trigger's first burst,
     *     beyond what the device's own traffic starts in the time left, per trigger with a burst:
     *     near 0 when each trigger gives one burst
     * @param backgroundPerWindow bursts the device's own traffic starts, on average, in a window
     *     as long as {@code b} (how often an event is paired with unrelated traffic)
     * @param provisionalGapNanos the gap from the histogram of gaps alone ({@link #estimateGap})
     */
    public record Estimate(long gapNanos, long windowNanos, long gapsBelow, long gapsAbove,
            int eventsWithBurst, int events, long medianDelayNanos, long delayQ10Nanos, long delayQ90Nanos,
            double extraBurstsPerTrigger, double backgroundPerWindow, long provisionalGapNanos) {
        public Estimate {
            if (gapNanos <= 0 || windowNanos < 0 || gapsBelow < 0 || gapsAbove < 0 || events < 0
                    || eventsWithBurst < 0 || eventsWithBurst > events) {
                throw new IllegalArgumentException("inconsistent estimate");
            }
        }

        /** Events in the capture's span that no burst followed within {@code b}. */
        public int unpaired() {
            return events - eventsWithBurst;
        }
    }

    /**
     * Estimates {@code a} from the device's packet times alone (Otsu's split of the log gaps).
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
        return clampGap(Math.round(Math.pow(10, chosen) * 1e9));
    }

    private static long clampGap(long nanos) {
        return Math.max(MIN_GAP_NANOS, Math.min(MAX_GAP_NANOS, nanos));
    }

    /**
     * Estimates {@code a} and {@code b}; {@code a} fixed when {@code givenGapNanos > 0}.
     *
     * @param packetNanos the device's packet times, nanoseconds since the epoch, ascending
     * @param eventNanos the triggers' times, nanoseconds since the epoch, ascending
     * @return the estimate
     * @throws IllegalArgumentException when there are fewer than 3 packets or no event
     */
    public static Estimate estimate(long[] packetNanos, long[] eventNanos) {
        return estimate(packetNanos, eventNanos, 0);
    }

    /**
     * As {@link #estimate(long[], long[])}, with {@code a} given (when {@code givenGapNanos > 0})
     * so that only {@code b} is estimated.
     */
    public static Estimate estimate(long[] packetNanos, long[] eventNanos, long givenGapNanos) {
        if (eventNanos.length == 0) {
            throw new IllegalArgumentException("need at least one event to choose b");
        }
        long provisional = estimateGap(packetNanos);
        long[] inSpan = inSpan(packetNanos, eventNanos);
        long horizon = Math.min(MAX_DELAY_NANOS, horizon(eventNanos));
        long gap = givenGapNanos > 0 ? givenGapNanos : provisional;
        if (givenGapNanos <= 0 && inSpan.length > 0) {
            long[] starts0 = starts(packetNanos, provisional);
            long window0 = window(starts0, inSpan, horizon);
            // answers may go on after b in pieces: look as far as the gaps alone keep them together
            long reach = Math.min(horizon, window0 + medianFirstBurst(packetNanos, starts0, inSpan, window0, provisional));
            gap = chooseGap(packetNanos, inSpan, reach, horizon, provisional);
        }
        long[] starts = starts(packetNanos, gap);
        long window = inSpan.length == 0 ? DELAY_BIN_NANOS * 30 : window(starts, inSpan, horizon);
        long below = packetNanos.length - starts.length;
        long above = starts.length - 1;
        long[] delays = new long[inSpan.length];
        int with = 0;
        for (long t : inSpan) {
            int s = firstAtLeast(starts, t);
            if (s < starts.length && starts[s] - t <= window) {
                delays[with++] = starts[s] - t;
            }
        }
        delays = Arrays.copyOf(delays, with);
        Arrays.sort(delays);
        double perWindow = inSpan.length == 0 ? 0 : backgroundRate(starts, inSpan, horizon) * window;
        double extra = inSpan.length == 0 ? 0 : extraBursts(packetNanos, starts, inSpan, window, horizon, gap);
        return new Estimate(gap, window, below, above, with, inSpan.length, quantile(delays, 0.5),
                quantile(delays, 0.1), quantile(delays, 0.9), extra, perWindow, provisional);
    }

    /**
     * The smallest gap on the grid whose extra bursts a trigger (bursts after the trigger's first
     * within the window, beyond what the device's background starts in the time left) are within
     * 0.02 of the fewest seen up to 10 times the first gap with at most {@value #EXTRA_BURSTS},
     * moved to the middle of the empty stretch of gaps around the triggers' bursts. Gaps that merge triggers' answers
     * with the device's own traffic before the trigger (more than 2 % of the triggers beyond
     * the shortest gap's count) end the search. {@code fallback} when no gap was tried.
     */
    private static long chooseGap(long[] packets, long[] events, long window, long horizon, long fallback) {
        int from = (int) Math.floor(Math.log10(MIN_GAP_NANOS / 1e9) * BINS_PER_DECADE);
        int to = (int) Math.floor(Math.log10(MAX_GRID_GAP_NANOS / 1e9) * BINS_PER_DECADE);
        int firstSwallowed = -1;
        long firstGood = -1;
        List<Long> tried = new ArrayList<>();
        List<Double> extras = new ArrayList<>();
        for (int k = from; k <= to; k++) {
            long gap = Math.round(Math.pow(10, k / (double) BINS_PER_DECADE) * 1e9);
            if (firstGood > 0 && gap > 10 * firstGood) {
                break;
            }
            long[] starts = starts(packets, gap);
            int swallowed = swallowed(packets, events, window, gap);
            if (firstSwallowed < 0) {
                firstSwallowed = swallowed;
            } else if (swallowed > firstSwallowed + events.length / 50) {
                break; // triggers' answers now merge with the device's own traffic before them
            }
            double extra = extraBursts(packets, starts, events, window, horizon, gap);
            tried.add(gap);
            extras.add(extra);
            if (firstGood < 0 && extra <= EXTRA_BURSTS) {
                firstGood = gap;
            }
        }
        if (tried.isEmpty()) {
            return fallback;
        }
        // the smallest gap within noise of the fewest extra bursts: a few triggers still cut at
        // the first good gap would be cut at detection too
        double fewest = extras.stream().mapToDouble(Double::doubleValue).min().getAsDouble();
        int i = 0;
        while (extras.get(i) > fewest + 0.02) {
            i++;
        }
        long gap = tried.get(i);
        return middle(packets, starts(packets, gap), events, window, gap);
    }

    /**
     * Triggers whose first packet within {@code window} after them joins, at {@code gap}, a burst
     * that began before the trigger.
     */
    private static int swallowed(long[] packets, long[] events, long window, long gap) {
        int n = 0;
        for (long t : events) {
            int i = firstAtLeast(packets, t);
            n += i > 0 && i < packets.length && packets[i] - t <= window && packets[i] - packets[i - 1] <= gap ? 1 : 0;
        }
        return n;
    }

    /**
     * Bursts that start within {@code window} after a trigger, after the trigger's first burst,
     * less what the device's background starts in the time the first burst leaves free, per
     * trigger with a burst (0 when none has one).
     */
    private static double extraBursts(long[] packets, long[] starts, long[] events, long window, long horizon,
            long gap) {
        double rate = backgroundRate(starts, events, horizon);
        double extra = 0;
        int answered = 0;
        for (long t : events) {
            int s = firstAtLeast(starts, t);
            if (s >= starts.length || starts[s] - t > window) {
                continue;
            }
            answered++;
            long end = burstEnd(packets, starts[s], gap);
            extra += firstAtLeast(starts, t + window + 1) - (s + 1) - rate * Math.max(0, t + window - end - gap);
        }
        return answered == 0 ? 0 : extra / answered;
    }

    /** The median duration of the triggers' first bursts within {@code window}, cut at {@code gap}; 0 when none. */
    private static long medianFirstBurst(long[] packets, long[] starts, long[] events, long window, long gap) {
        long[] d = new long[events.length];
        int n = 0;
        for (long t : events) {
            int s = firstAtLeast(starts, t);
            if (s < starts.length && starts[s] - t <= window) {
                d[n++] = burstEnd(packets, starts[s], gap) - starts[s];
            }
        }
        Arrays.sort(d, 0, n);
        return n == 0 ? 0 : d[n / 2];
    }

    /** The time of the last packet of the burst that starts at {@code start}, cut at {@code gap}. */
    private static long burstEnd(long[] packets, long start, long gap) {
        int i = firstAtLeast(packets, start);
        while (i + 1 < packets.length && packets[i + 1] - packets[i] <= gap) {
            i++;
        }
        return packets[i];
    }

    /**
     * The geometric middle between the longest gap inside the bursts that follow the triggers
     * within {@code window} and the shortest gap that bounds them, cut at {@code gap}; {@code gap}
     * itself when they do not leave room.
     */
    private static long middle(long[] packets, long[] starts, long[] events, long window, long gap) {
        long inside = 0;
        long around = Long.MAX_VALUE;
        for (long t : events) {
            int s = firstAtLeast(starts, t);
            if (s >= starts.length || starts[s] - t > window) {
                continue;
            }
            int i = firstAtLeast(packets, starts[s]);
            if (i > 0) {
                around = Math.min(around, packets[i] - packets[i - 1]);
            }
            for (i = i + 1; i < packets.length && packets[i] - packets[i - 1] <= gap; i++) {
                inside = Math.max(inside, packets[i] - packets[i - 1]);
            }
            if (i < packets.length) {
                around = Math.min(around, packets[i] - packets[i - 1]);
            }
        }
        if (inside <= 0 || around == Long.MAX_VALUE || around <= inside) {
            return clampGap(gap);
        }
        return clampGap(Math.round(Math.sqrt((double) inside * around)));
    }

    /** The first packet's time and every packet's that comes more than {@code gap} after the previous one. */
    public static long[] starts(long[] packets, long gap) {
        long[] out = new long[packets.length];
        int n = 0;
        for (int i = 0; i < packets.length; i++) {
            if (i == 0 || packets[i] - packets[i - 1] > gap) {
                out[n++] = packets[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The events within the capture's span, ascending. */
    private static long[] inSpan(long[] packets, long[] events) {
        return Arrays.stream(events).filter(t -> t >= packets[0] && t <= packets[packets.length - 1]).sorted().toArray();
    }

    /** Burst starts within {@code window} after the events (a start after two close events counts twice). */
    private static long startsWithin(long[] starts, long[] events, long window) {
        long n = 0;
        for (long t : events) {
            n += firstAtLeast(starts, t + window + 1) - firstAtLeast(starts, t);
        }
        return n;
    }

    /**
     * Burst starts per nanosecond of the device's own traffic, near the triggers: starts within
     * {@code horizon} before each trigger (no trigger causes those, and they see the same local
     * conditions as the time after it), over the time.
     */
    private static double backgroundRate(long[] starts, long[] events, long horizon) {
        long count = 0;
        for (long t : events) {
            count += firstAtLeast(starts, t) - firstAtLeast(starts, t - horizon);
        }
        return count / ((double) horizon * events.length);
    }

    /**
     * {@code b}: where the starts after the triggers, beyond the background expectation, reach
     * 95 % of their value where their lower bound is highest, cut to the latest first burst of a
     * trigger within that, plus a tenth of margin (at least 0.2 s), within the horizon.
     */
    private static long window(long[] starts, long[] events, long horizon) {
        double rate = backgroundRate(starts, events, horizon);
        int bins = (int) Math.max(1, horizon / DELAY_BIN_NANOS);
        long[] hist = new long[bins];
        for (long t : events) {
            for (int s = firstAtLeast(starts, t); s < starts.length && starts[s] - t < (long) bins * DELAY_BIN_NANOS; s++) {
                hist[(int) ((starts[s] - t) / DELAY_BIN_NANOS)]++;
            }
        }
        double perBin = rate * DELAY_BIN_NANOS * events.length;
        double[] excess = new double[bins];
        double run = 0;
        double most = 0;
        int best = -1;
        for (int i = 0; i < bins; i++) {
            run += hist[i] - perBin;
            excess[i] = run;
            // the excess less two standard deviations of the background count so far: noise
            // late in the horizon must not pass for the triggers' traffic
            double lower = run - 2 * Math.sqrt(perBin * (i + 1));
            if (lower > most) {
                most = lower;
                best = i;
            }
        }
        if (best < 0) {
            return Math.min(horizon, DELAY_BIN_NANOS * 30);
        }
        int at = 0;
        while (excess[at] < 0.95 * excess[best]) {
            at++;
        }
        long reach = (at + 1) * DELAY_BIN_NANOS;
        // the latest first burst of a trigger within that reach: the window need not be longer
        long latest = 0;
        for (long t : events) {
            int s = firstAtLeast(starts, t);
            if (s < starts.length && starts[s] - t <= reach) {
                latest = Math.max(latest, starts[s] - t);
            }
        }
        long margin = Math.max(2 * DELAY_BIN_NANOS, latest / 10);
        return Math.min(horizon, (latest + margin + DELAY_BIN_NANOS - 1) / DELAY_BIN_NANOS * DELAY_BIN_NANOS);
    }

    private static long quantile(long[] sorted, double q) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
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

    /** Index of the first element of ascending {@code a} that is at least {@code v} ({@code a.length} when none). */
    public static int firstAtLeast(long[] a, long v) {
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
