package org.iotevent.signature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iotevent.traffic.EventPairer;

/**
 * Removes interleaved packets from training bursts: a packet of a sample is kept when it is
 * matched, within {@value #TOLERANCE} bytes, by an optimal alignment with at least half of the
 * other samples of its event. An unrelated packet that the device sent during the event (a
 * heartbeat, a report) is rarely matched so, and is dropped; the event's characteristic
 * packets remain. Without this, a new burst with an interleaved packet tends to be nearest
 * to a training burst that happens to carry a similar interleaved packet, whatever its event.
 *
 * <p>Events with fewer than 3 samples, bursts longer than {@value #MAX_PACKETS} packets and
 * the class {@value EventPairer#OTHER} (a device's own traffic has no common shape) are left
 * as they are. Deterministic: each sample is compared with up to {@value #COMPARISONS} others
 * of its event, spread evenly over them.
 */
public final class SampleCleaner {

    /** Name of the switch among the signature file's classifier parameters (0 or 1). */
    public static final String PARAMETER = "clean";

    /** Largest length difference, bytes, for two packets to count as the same. */
    public static final int TOLERANCE = 8;

    private static final int MAX_PACKETS = 200;
    private static final int COMPARISONS = 30;
    private static final long SCALE = 4096;

    private SampleCleaner() {}

    /**
     * Cleans every sample.
     *
     * @param bursts signed packet lengths in bytes, one per sample; not modified
     * @param labels the label of each sample
     * @return one burst per sample, same order: the sample itself or its kept packets
     */
    public static List<int[]> clean(List<int[]> bursts, List<String> labels) {
        return clean(bursts, labels, BurstDistances.DISABLED);
    }

    /** As above, each pair's matched packets remembered in {@code distances}: the same result, sooner. */
    static List<int[]> clean(List<int[]> bursts, List<String> labels, BurstDistances distances) {
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            byLabel.computeIfAbsent(labels.get(i), l -> new ArrayList<>()).add(i);
        }
        List<int[]> out = new ArrayList<>(bursts);
        for (Map.Entry<String, List<Integer>> e : byLabel.entrySet()) {
            int[] members = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            if (members.length >= 3 && !e.getKey().equals(EventPairer.OTHER)) {
                cleanLabel(bursts, members, distances.enabled() ? distances : null, e.getKey(), out);
            }
        }
        return out;
    }

    /** Cleans the {@code members} of one label into {@code out}; {@code distances} null without a cache. */
    private static void cleanLabel(List<int[]> bursts, int[] members, BurstDistances distances, String label,
            List<int[]> out) {
        int[] ids = new int[members.length];
        for (int m = 0; m < members.length; m++) {
            ids[m] = distances == null ? -1 : distances.id(bursts.get(members[m]));
        }
        BurstDistances.LabelMatches words = distances == null ? null : distances.labelMatches(label);
        for (int m = 0; m < members.length; m++) {
            int[] x = bursts.get(members[m]);
            if (x.length <= MAX_PACKETS) {
                out.set(members[m], keep(x, members, m, bursts, ids, words, distances));
            }
        }
    }

    /**
     * The packets of member {@code m} that at least half of its others match: up to {@link #COMPARISONS}
     * members other than the m-th, evenly spread ({@code ids} the members' ids, -1 for none).
     */
    private static int[] keep(int[] x, int[] members, int m, List<int[]> bursts, int[] ids,
            BurstDistances.LabelMatches words, BurstDistances distances) {
        int[] support = new int[x.length];
        int idX = ids[m];
        int n = members.length - 1;
        int take = Math.min(COMPARISONS, n);
        // others matching every packet (most, when an event's bursts are alike) are counted apart
        long every = x.length < 64 ? (1L << x.length) - 1 : 0;
        int matchingEvery = 0;
        for (int t = 0; t < take; t++) {
            int j = (int) ((long) t * n / take);
            int other = j >= m ? j + 1 : j;
            int[] y = bursts.get(members[other]);
            if (y.length > MAX_PACKETS) {
                continue;
            }
            int idY = ids[other];
            long word = x.length < 64 && idX >= 0 && words != null ? words.word(idX, idY) : -1;
            if (word == 0) {
                word = bits(x, y)[0];
                words.put(idX, idY, word);
            }
            if (word != -1) {
                word &= Long.MAX_VALUE;
                if (word == every) {
                    matchingEvery++;
                } else {
                    count(word, 0, support);
                }
                continue;
            }
            long[] bits = idX < 0 || idY < 0 ? bits(x, y) : distances.matches(idX, idY, () -> bits(x, y));
            for (int w = 0; w < bits.length; w++) {
                count(bits[w], 64 * w, support);
            }
        }
        int[] kept = new int[x.length];
        int k = 0;
        for (int p = 0; p < x.length; p++) {
            if (2 * (support[p] + matchingEvery) >= take) {
                kept[k++] = x[p];
            }
        }
        // every packet kept: the burst itself, so that its id is found by identity
        return k == 0 || k == x.length ? x : Arrays.copyOf(kept, k);
    }

    /** Which packets of x an alignment with y matches, as bits (packet p: bit p % 64 of word p / 64). */
    private static long[] bits(int[] x, int[] y) {
        int[] one = new int[x.length];
        matched(x, y, one);
        long[] b = new long[(x.length + 63) / 64];
        for (int p = 0; p < x.length; p++) {
            b[p >> 6] |= (long) one[p] << (p & 63);
        }
        return b;
    }

    /** Adds 1 to {@code support[from + p]} for each bit p set in {@code word}. */
    private static void count(long word, int from, int[] support) {
        for (long w = word; w != 0; w &= w - 1) {
            support[from + Long.numberOfTrailingZeros(w)]++;
        }
    }

    /**
     * Adds 1 to {@code support[i]} for each packet of x that an optimal alignment with y (full
     * gap costs) matches to a packet within the tolerance; among optimal alignments, one with
     * the most such close matches (a secondary objective folded into the cost).
     */
    private static void matched(int[] x, int[] y, int[] support) {
        matched(x, y, support, false);
    }

    /** As above, over the whole table when {@code whole} (what the band must agree with, for tests). */
    static void matched(int[] x, int[] y, int[] support, boolean whole) {
        int n = x.length;
        int m = y.length;
        int w = m + 1;
        long[] t = table(n, m);
        // A path through a cell d off the diagonal leaves at least d packets unmatched, each costing at least
        // SCALE * the smallest packet, and gains at most 1 per match: with the cost c of the best path within
        // a band, no optimal path leaves the band once (band + 1) * SCALE * smallest - min(n, m) exceeds c.
        // Then every cell of an optimal path holds its exact value and every other cell in or at the band at
        // least its own, so the walk back takes the same steps as over the whole table.
        long unmatched = SCALE * Math.min(minAbs(x), minAbs(y));
        for (int band = Math.max(2, Math.abs(n - m)); ; band *= 2) {
            if (whole || band >= Math.max(n, m)) {
                fill(x, y, t, Math.max(n, m));
                break;
            }
            fill(x, y, t, band);
            if (t[n * w + m] < (band + 1) * unmatched - Math.min(n, m)) {
                break;
            }
        }
        int i = n;
        int j = m;
        while (i > 0 && j > 0) {
            int a = x[i - 1];
            int b = y[j - 1];
            if ((a ^ b) >= 0 && t[i * w + j] == t[(i - 1) * w + j - 1] + substitution(a, b)) {
                if (Math.abs(a - b) <= TOLERANCE) {
                    support[i - 1]++;
                }
                i--;
                j--;
            } else if (t[i * w + j] == t[(i - 1) * w + j] + SCALE * Math.abs(a)) {
                i--;
            } else {
                j--;
            }
        }
    }

    /** The alignment's table within {@code band} cells of the diagonal, the cells next to the band unreachable. */
    private static void fill(int[] x, int[] y, long[] t, int band) {
        int n = x.length;
        int m = y.length;
        int w = m + 1;
        t[0] = 0;
        for (int i = 1; i <= Math.min(n, band); i++) {
            t[i * w] = t[(i - 1) * w] + SCALE * Math.abs(x[i - 1]);
        }
        for (int j = 1; j <= Math.min(m, band); j++) {
            t[j] = t[j - 1] + SCALE * Math.abs(y[j - 1]);
        }
        if (band + 1 <= m) {
            t[band + 1] = UNREACHABLE;
        }
        for (int i = 1; i <= n; i++) {
            long gapX = SCALE * Math.abs(x[i - 1]);
            int lo = Math.max(1, i - band);
            int hi = Math.min(m, i + band);
            if (i - band >= 1) {
                t[i * w + lo - 1] = UNREACHABLE;
            }
            for (int j = lo; j <= hi; j++) {
                long best = Math.min(t[(i - 1) * w + j] + gapX, t[i * w + j - 1] + SCALE * Math.abs(y[j - 1]));
                if ((x[i - 1] ^ y[j - 1]) >= 0) {
                    best = Math.min(best, t[(i - 1) * w + j - 1] + substitution(x[i - 1], y[j - 1]));
                }
                t[i * w + j] = Math.min(best, UNREACHABLE);
            }
            if (hi + 1 <= m) {
                t[i * w + hi + 1] = UNREACHABLE;
            }
        }
    }

    /** A cell outside the band: far above any path's cost, and safe to add costs to. */
    private static final long UNREACHABLE = Long.MAX_VALUE / 4;

    private static int minAbs(int[] v) {
        int min = Integer.MAX_VALUE;
        for (int a : v) {
            min = Math.min(min, Math.abs(a));
        }
        return min;
    }

    /** This thread's table for an alignment of n by m packets (reused: the cleaner aligns many pairs). */
    private static long[] table(int n, int m) {
        long[] t = TABLE.get();
        int size = (n + 1) * (m + 1);
        if (t.length < size) {
            t = new long[Math.max(size, 2 * t.length)];
            TABLE.set(t);
        }
        return t;
    }

    private static final ThreadLocal<long[]> TABLE = ThreadLocal.withInitial(() -> new long[1024]);

    private static long substitution(int a, int b) {
        int d = Math.abs(a - b);
        return SCALE * d - (d <= TOLERANCE ? 1 : 0);
    }
}
