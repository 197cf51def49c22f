package org.iotevent.report;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.iotevent.signature.AlignmentDistance;

/**
 * Picks each event's representative packet sequence and marks the packets that tell it apart.
 *
 * <p><b>Representative.</b> The exchange a trigger causes: among the event's samples (bursts of
 * any packet count), the one with the least summed alignment distance (the default classifier's,
 * {@link AlignmentDistance}) to the others, each other sample weighted by its packet count, so the
 * long exchange every trigger causes outweighs the stray one- or two-packet bursts that a pairing
 * window also catches (ties: the earlier sample). Over at most {@value #MEDOID_CAP} samples of the
 * event, in order.
 *
 * <p><b>Distinguishing packet.</b> Every sample is aligned to the representative with the same
 * costs (a packet matched to one of the same direction costs the difference of their lengths, an
 * unmatched packet its length; opposite directions never match). Packet i of the representative is
 * highlighted when no packet of any other label's sample ({@code other} included) that aligns to
 * it has a signed length within the range the event's own samples show there (min..max of theirs
 * that align to it). Such a packet, in its place in the exchange, separates the event from every
 * other label. At most {@value #MEDOID_CAP} samples of each label and the first
 * {@value #MAX_ALIGNED} packets of each burst are compared.
 */
public final class SequenceHighlighter {
    /** Samples of one label compared, at most. */
    public static final int MEDOID_CAP = 400;
    /** Packets of one burst aligned, at most (the report draws the first 60). */
    public static final int MAX_ALIGNED = 400;

    private SequenceHighlighter() {}

    /**
     * The highlighted representative of one event.
     *
     * @param representative signed IP-layer lengths of the representative sample, bytes, positive
     *     towards the device; none 0
     * @param distinguishing per packet, whether it tells the event apart; as long as
     *     {@code representative}
     * @param countUnique true when no other label has a sample of the representative's packet
     *     count, so the count alone separates it in the paper's grouped kNN
     */
    public record Highlight(int[] representative, boolean[] distinguishing, boolean countUnique) {
        public Highlight {
            representative = representative.clone();
            distinguishing = distinguishing.clone();
            if (representative.length != distinguishing.length) {
                throw new IllegalArgumentException(representative.length + " packets but " + distinguishing.length
                        + " highlight flags");
            }
            for (int l : representative) {
                if (l == 0) {
                    throw new IllegalArgumentException("a packet length of 0");
                }
            }
        }

        @Override
        public int[] representative() {
            return representative.clone();
        }

        @Override
        public boolean[] distinguishing() {
            return distinguishing.clone();
        }

        /** How many packets tell the event apart. */
        public int keys() {
            int n = 0;
            for (boolean k : distinguishing) {
                n += k ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * Highlights every label of {@code samplesByLabel} that has samples.
     *
     * @param samplesByLabel signed-length vectors by label; {@code other} may be among the labels
     * @return by label, for every label with at least one sample
     */
    public static SortedMap<String, Highlight> highlight(Map<String, List<int[]>> samplesByLabel) {
        SortedMap<String, Highlight> out = new TreeMap<>();
        for (var e : samplesByLabel.entrySet()) {
            if (!e.getValue().isEmpty()) {
                out.put(e.getKey(), highlightOne(e.getKey(), samplesByLabel));
            }
        }
        return out;
    }

    private static Highlight highlightOne(String label, Map<String, List<int[]>> samplesByLabel) {
        List<int[]> own = capped(samplesByLabel.get(label));
        int[] rep = own.get(medoid(own)).clone();
        int n = rep.length;
        int[] lo = rep.clone();
        int[] hi = rep.clone();
        for (int[] s : own) {
            int[] at = align(rep, s);
            for (int i = 0; i < at.length; i++) {
                if (at[i] >= 0) {
                    lo[i] = Math.min(lo[i], s[at[i]]);
                    hi[i] = Math.max(hi[i], s[at[i]]);
                }
            }
        }
        boolean[] distinguishing = new boolean[n];
        Arrays.fill(distinguishing, 0, Math.min(n, MAX_ALIGNED), true); // packets beyond were not compared
        boolean countUnique = true;
        for (var e : samplesByLabel.entrySet()) {
            if (e.getKey().equals(label)) {
                continue;
            }
            for (int[] s : capped(e.getValue())) {
                countUnique &= s.length != n;
                int[] at = align(rep, s);
                for (int i = 0; i < at.length; i++) {
                    if (at[i] >= 0 && s[at[i]] >= lo[i] && s[at[i]] <= hi[i]) {
                        distinguishing[i] = false;
                    }
                }
            }
        }
        return new Highlight(rep, distinguishing, countUnique);
    }

    private static List<int[]> capped(List<int[]> samples) {
        return samples.size() > MEDOID_CAP ? samples.subList(0, MEDOID_CAP) : samples;
    }

    /** The index of the sample with the least packet-weighted summed alignment distance to the others. */
    private static int medoid(List<int[]> group) {
        AlignmentDistance distance = new AlignmentDistance();
        int[][] g = group.stream().map(SequenceHighlighter::prefix).toArray(int[][]::new);
        int best = 0;
        double bestSum = Double.POSITIVE_INFINITY;
        for (int i = 0; i < g.length; i++) {
            double sum = 0;
            for (int j = 0; j < g.length && sum < bestSum; j++) {
                if (i != j) {
                    sum += (double) g[j].length * distance.distance(g[i], g[j], Integer.MAX_VALUE);
                }
            }
            if (sum < bestSum) {
                bestSum = sum;
                best = i;
            }
        }
        return best;
    }

    private static int[] prefix(int[] s) {
        return s.length > MAX_ALIGNED ? Arrays.copyOf(s, MAX_ALIGNED) : s;
    }

    /**
     * Aligns {@code s} to {@code rep} at least cost ({@link AlignmentDistance}'s costs, without a
     * gap cap) and returns, per packet of {@code rep}, the index of the packet of {@code s} matched
     * to it, or -1; only the first {@value #MAX_ALIGNED} packets of each take part.
     */
    static int[] align(int[] rep, int[] s) {
        int n = Math.min(rep.length, MAX_ALIGNED);
        int m = Math.min(s.length, MAX_ALIGNED);
        long[][] cost = new long[n + 1][m + 1];
        for (int i = 1; i <= n; i++) {
            cost[i][0] = cost[i - 1][0] + Math.abs(rep[i - 1]);
        }
        for (int j = 1; j <= m; j++) {
            cost[0][j] = cost[0][j - 1] + Math.abs(s[j - 1]);
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                long c = Math.min(cost[i - 1][j] + Math.abs(rep[i - 1]), cost[i][j - 1] + Math.abs(s[j - 1]));
                if ((rep[i - 1] > 0) == (s[j - 1] > 0)) {
                    c = Math.min(c, cost[i - 1][j - 1] + Math.abs(rep[i - 1] - s[j - 1]));
                }
                cost[i][j] = c;
            }
        }
        int[] at = new int[rep.length];
        Arrays.fill(at, -1);
        for (int i = n, j = m; i > 0 && j > 0;) {
            if ((rep[i - 1] > 0) == (s[j - 1] > 0)
                    && cost[i][j] == cost[i - 1][j - 1] + Math.abs(rep[i - 1] - s[j - 1])) {
                at[--i] = --j;
            } else if (cost[i][j] == cost[i - 1][j] + Math.abs(rep[i - 1])) {
                i--;
            } else {
                j--;
            }
        }
        return at;
    }
}
