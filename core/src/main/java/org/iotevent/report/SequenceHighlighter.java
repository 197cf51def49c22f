package org.iotevent.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Picks each event's representative packet sequence and marks the packets that tell it apart.
 *
 * <p><b>Representative.</b> Among the event's samples, the most common packet count n (ties: the
 * smaller n); within that group the medoid, the sample with the least summed Euclidean distance to
 * the others (ties: the earlier sample). The medoid is computed over at most {@value #MEDOID_CAP}
 * samples of the group, in order.
 *
 * <p><b>Distinguishing packet.</b> Packet i of the representative is highlighted when the range of
 * signed lengths the event itself shows at position i (min..max over its samples with the
 * representative's n) contains no signed length that any sample of any other label, {@code other}
 * included, shows at position i. Such a packet alone, in its place, separates the event from every
 * other label; direction is part of the sign, so a packet the other events send the other way counts
 * as different.
 */
public final class SequenceHighlighter {
    /** Samples of one packet count the medoid is computed over, at most. */
    public static final int MEDOID_CAP = 400;

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
        List<int[]> own = samplesByLabel.get(label);
        int n = modalCount(own);
        List<int[]> group = new ArrayList<>();
        for (int[] s : own) {
            if (s.length == n) {
                group.add(s);
            }
        }
        int[] rep = medoid(group);
        int[] lo = new int[n];
        int[] hi = new int[n];
        Arrays.fill(lo, Integer.MAX_VALUE);
        Arrays.fill(hi, Integer.MIN_VALUE);
        for (int[] s : group) {
            for (int i = 0; i < n; i++) {
                lo[i] = Math.min(lo[i], s[i]);
                hi[i] = Math.max(hi[i], s[i]);
            }
        }
        boolean[] distinguishing = new boolean[n];
        Arrays.fill(distinguishing, true);
        boolean countUnique = true;
        for (var e : samplesByLabel.entrySet()) {
            if (e.getKey().equals(label)) {
                continue;
            }
            for (int[] s : e.getValue()) {
                countUnique &= s.length != n;
                for (int i = 0; i < Math.min(n, s.length); i++) {
                    if (s[i] >= lo[i] && s[i] <= hi[i]) {
                        distinguishing[i] = false;
                    }
                }
            }
        }
        return new Highlight(rep, distinguishing, countUnique);
    }

    private static int modalCount(List<int[]> samples) {
        SortedMap<Integer, Integer> counts = new TreeMap<>();
        samples.forEach(s -> counts.merge(s.length, 1, Integer::sum));
        int best = -1;
        int bestCount = 0;
        for (var e : counts.entrySet()) {
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    private static int[] medoid(List<int[]> group) {
        List<int[]> g = group.size() > MEDOID_CAP ? group.subList(0, MEDOID_CAP) : group;
        int best = 0;
        double bestSum = Double.POSITIVE_INFINITY;
        for (int i = 0; i < g.size(); i++) {
            double sum = 0;
            for (int j = 0; j < g.size() && sum < bestSum; j++) {
                sum += distance(g.get(i), g.get(j));
            }
            if (sum < bestSum) {
                bestSum = sum;
                best = i;
            }
        }
        return g.get(best).clone();
    }

    private static double distance(int[] x, int[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - y[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
