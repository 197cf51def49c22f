package org.iotevent.signature;

/**
 * Edit distance between two bursts given as signed packet lengths (bytes, +1 towards the
 * device, -1 from it), for bursts of any lengths.
 *
 * <p>Costs, all in bytes: matching two packets of the same direction costs the difference
 * of their lengths; leaving a packet unmatched (an interleaved or lost packet) costs its
 * length, or at most the gap cap when one is set. Packets of opposite directions are never
 * matched, so a direction mismatch costs both packets' gap costs. The distance is symmetric,
 * 0 only for equal bursts, and at most the sum of both bursts' gap costs; without a cap it
 * is also at least {@link #lowerBound}.
 *
 * <p>Built for the per-burst hot path: int arithmetic, two reused rows, a band derived from
 * the caller's bound and early abandoning when a whole row exceeds it. Pruning is exact:
 * whenever the true distance is at most {@code bound} the exact value is returned. An
 * instance holds scratch rows and is not thread-safe; use one per thread.
 */
public final class AlignmentDistance {

    /** Returned when the distance is known to exceed the caller's bound. */
    public static final int EXCEEDS = Integer.MAX_VALUE;

    private static final int INF = Integer.MAX_VALUE / 2;

    private final int gapCap;
    private int[] prev = new int[64];
    private int[] cur = new int[64];

    /** A distance where leaving a packet unmatched costs its full length. */
    public AlignmentDistance() {
        this(Integer.MAX_VALUE);
    }

    /**
     * A distance where leaving a packet unmatched costs its length, but at most {@code gapCap}.
     *
     * @param gapCap the most an unmatched packet costs, bytes, &gt;= 1
     */
    public AlignmentDistance(int gapCap) {
        if (gapCap < 1) {
            throw new IllegalArgumentException("gap cap must be >= 1, found " + gapCap);
        }
        this.gapCap = gapCap;
    }

    /**
     * The distance, exact when it is at most {@code bound}.
     *
     * @param x signed packet lengths in bytes, none 0
     * @param y signed packet lengths in bytes, none 0
     * @param bound the largest distance the caller is interested in (bytes, &gt;= 0); use
     *     {@code Integer.MAX_VALUE} for no bound
     * @return the distance in bytes, or {@link #EXCEEDS} when it is larger than {@code bound}
     */
    public int distance(int[] x, int[] y, int bound) {
        return distance(x, null, y, null, 0, bound);
    }

    /**
     * The distance with timing: matching two packets also costs {@code timingWeight} bytes
     * per decade of difference between their gaps to the previous packet (the first packet
     * of either burst has no gap and costs nothing extra).
     *
     * @param x signed packet lengths in bytes, none 0
     * @param gapsX per packet of x, log10 of its gap to the previous packet in thousandths of
     *     a decade (see {@link #logGaps}); null for no timing
     * @param y signed packet lengths in bytes, none 0
     * @param gapsY the same for y; null for no timing
     * @param timingWeight bytes per decade of gap difference, &gt;= 0
     * @param bound the largest distance the caller is interested in (bytes, &gt;= 0)
     * @return the distance in bytes, or {@link #EXCEEDS} when it is larger than {@code bound}
     */
    public int distance(int[] x, int[] gapsX, int[] y, int[] gapsY, int timingWeight, int bound) {
        boolean timing = gapsX != null && gapsY != null && timingWeight > 0;
        int n = x.length;
        int m = y.length;
        int limit = Math.min(bound, INF - 1);
        int minGap = Math.max(1, Math.min(gapCap, Math.min(minAbs(x), minAbs(y))));
        // A path through cell (i, j) leaves at least |i - j| packets unmatched, each costing
        // at least minGap: cells farther from the diagonal than limit / minGap cannot help.
        long bandLong = limit / minGap;
        if ((long) Math.abs(n - m) > bandLong) {
            return EXCEEDS;
        }
        int band = (int) Math.min(bandLong, Math.max(n, m));
        if (prev.length < m + 2) {
            prev = new int[m + 2];
            cur = new int[m + 2];
        }
        int[] p = prev;
        int[] c = cur;
        p[0] = 0;
        int hi0 = Math.min(m, band);
        for (int j = 1; j <= hi0; j++) {
            p[j] = p[j - 1] + Math.min(gapCap, Math.abs(y[j - 1]));
        }
        if (hi0 < m) {
            p[hi0 + 1] = INF;
        }
        for (int i = 1; i <= n; i++) {
            int a = x[i - 1];
            int gapA = Math.min(gapCap, Math.abs(a));
            int lo = Math.max(0, i - band);
            int hi = Math.min(m, i + band);
            int rowMin = INF;
            int j = lo;
            if (lo == 0) {
                c[0] = Math.min(INF, p[0] + gapA);
                rowMin = c[0];
                j = 1;
            } else {
                c[lo - 1] = INF;
            }
            for (; j <= hi; j++) {
                int b = y[j - 1];
                int best = p[j] + gapA;
                int left = c[j - 1] + Math.min(gapCap, Math.abs(b));
                if (left < best) {
                    best = left;
                }
                if ((a ^ b) >= 0) {
                    int diag = p[j - 1] + Math.abs(a - b);
                    if (timing && i > 1 && j > 1) {
                        diag += (int) ((long) Math.abs(gapsX[i - 1] - gapsY[j - 1]) * timingWeight / 1000);
                    }
                    if (diag < best) {
                        best = diag;
                    }
                }
                if (best > INF) {
                    best = INF;
                }
                c[j] = best;
                if (best < rowMin) {
                    rowMin = best;
                }
            }
            if (hi < m) {
                c[hi + 1] = INF;
            }
            if (rowMin > limit) {
                prev = p;
                cur = c;
                return EXCEEDS;
            }
            int[] t = p;
            p = c;
            c = t;
        }
        prev = p;
        cur = c;
        int d = p[m];
        return d > limit ? EXCEEDS : d;
    }

    /**
     * A lower bound of the uncapped distance from per-direction byte totals: every edit operation
     * touches packets of one direction only, so the distance is at least the difference of
     * the bytes towards the device plus the difference of the bytes from it.
     *
     * @param towardsX bytes towards the device in x
     * @param fromX bytes from the device in x
     * @param towardsY bytes towards the device in y
     * @param fromY bytes from the device in y
     * @return the bound in bytes
     */
    public static long lowerBound(long towardsX, long fromX, long towardsY, long fromY) {
        return Math.abs(towardsX - towardsY) + Math.abs(fromX - fromY);
    }

    /**
     * Bytes towards the device (positive lengths) in a burst.
     *
     * @param x signed packet lengths in bytes
     * @return the sum of the positive entries
     */
    public static long bytesTowards(int[] x) {
        long s = 0;
        for (int v : x) {
            if (v > 0) {
                s += v;
            }
        }
        return s;
    }

    /**
     * Bytes from the device (absolute value of negative lengths) in a burst.
     *
     * @param x signed packet lengths in bytes
     * @return the sum of the absolute values of the negative entries
     */
    public static long bytesFrom(int[] x) {
        long s = 0;
        for (int v : x) {
            if (v < 0) {
                s -= v;
            }
        }
        return s;
    }

    /**
     * Gaps in the form {@link #distance(int[], int[], int[], int[], int, int)} takes: for each
     * packet, log10 of (gap to the previous packet in seconds + 1 ms), in thousandths of a
     * decade; 0 for the first packet.
     *
     * @param timesNanos packet times, nanoseconds, in capture order
     * @return one entry per packet
     */
    public static int[] logGaps(long[] timesNanos) {
        int[] g = new int[timesNanos.length];
        for (int i = 1; i < timesNanos.length; i++) {
            double seconds = Math.max(0, timesNanos[i] - timesNanos[i - 1]) / 1e9;
            g[i] = (int) Math.round(1000 * Math.log10(seconds + 1e-3));
        }
        return g;
    }

    private static int minAbs(int[] x) {
        int min = Integer.MAX_VALUE;
        for (int v : x) {
            int a = Math.abs(v);
            if (a < min) {
                min = a;
            }
        }
        return x.length == 0 ? Integer.MAX_VALUE : min;
    }
}
