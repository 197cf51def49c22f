package org.iotevent.signature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.iotevent.traffic.EventPairer;

/**
 * The paper's classifier: samples grouped by their packet count n; a burst is compared only with
 * the samples of its own n, by Euclidean distance over the signed lengths, and takes the majority
 * label of its k nearest (all of the group when it holds fewer than k).
 *
 * <p>Ties, documented because they decide results on small data: neighbours at equal distance are
 * ranked by label (lexicographically smaller first), then by sample order; a vote tie goes to the
 * lexicographically smaller label, as the reference figures of the IoTEvents data use. A burst
 * whose n no sample has gets {@value EventPairer#OTHER} with distance {@code +Infinity} (nothing
 * learnt resembles it); where every true label is an event, as in the IoTEvents files, that counts
 * as an error, which is the authors' own rule. Immutable and thread-safe.
 */
public final class GroupedKnn implements Classifier {
    /** Name of this classifier in {@code --classifier} and signature files. */
    public static final String NAME = "paper";

    private final int k;
    private final String[] labels;
    private final Map<Integer, Group> groups = new HashMap<>();

    /**
     * @param samples the training samples, at least one
     * @param k neighbours that vote, {@code >= 1}
     */
    public GroupedKnn(List<LabeledSample> samples, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, found " + k);
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("the paper's classifier needs at least one sample");
        }
        this.k = k;
        TreeSet<String> sorted = new TreeSet<>();
        samples.forEach(s -> sorted.add(s.label()));
        this.labels = sorted.toArray(new String[0]);
        Map<Integer, List<LabeledSample>> byN = new HashMap<>();
        for (LabeledSample s : samples) {
            byN.computeIfAbsent(s.packetCount(), n -> new ArrayList<>()).add(s);
        }
        byN.forEach((n, list) -> groups.put(n, new Group(n, list, labels)));
    }

    /** The k this classifier votes with. */
    public int k() {
        return k;
    }

    @Override
    public Prediction classify(int[] signedLengths) {
        Neighbours nb = nearest(signedLengths, k);
        return nb == null ? new Prediction(EventPairer.OTHER, Double.POSITIVE_INFINITY) : nb.vote(k);
    }

    /**
     * The up to {@code kMax} nearest samples of the burst's group, ranked; null when no sample has
     * the burst's n.
     */
    Neighbours nearest(int[] x, int kMax) {
        Group g = groups.get(x.length);
        if (g == null) {
            return null;
        }
        int m = Math.min(kMax, g.size);
        long[] bestD = new long[m];
        int[] bestLabel = new int[m];
        Arrays.fill(bestD, Long.MAX_VALUE);
        Arrays.fill(bestLabel, Integer.MAX_VALUE);
        int n = g.n;
        int[] data = g.data;
        for (int s = 0, off = 0; s < g.size; s++, off += n) {
            long d = 0;
            long worst = bestD[m - 1];
            for (int i = 0; i < n && d <= worst; i++) {
                long diff = (long) x[i] - data[off + i];
                d += diff * diff;
            }
            int label = g.labelOf[s];
            if (d < worst || (d == worst && label < bestLabel[m - 1])) {
                int j = m - 1;
                while (j > 0 && (bestD[j - 1] > d || (bestD[j - 1] == d && bestLabel[j - 1] > label))) {
                    bestD[j] = bestD[j - 1];
                    bestLabel[j] = bestLabel[j - 1];
                    j--;
                }
                bestD[j] = d;
                bestLabel[j] = label;
            }
        }
        return new Neighbours(bestD, bestLabel, labels);
    }

    /** Samples of one packet count, their vectors in one flat array. */
    private static final class Group {
        final int n;
        final int size;
        final int[] data;
        final int[] labelOf;

        Group(int n, List<LabeledSample> samples, String[] labels) {
            this.n = n;
            this.size = samples.size();
            this.data = new int[n * size];
            this.labelOf = new int[size];
            for (int s = 0; s < size; s++) {
                LabeledSample sample = samples.get(s);
                System.arraycopy(sample.vector(), 0, data, s * n, n);
                labelOf[s] = Arrays.binarySearch(labels, sample.label());
            }
        }
    }

    /** Ranked nearest neighbours: squared distances ascending, label indices into the sorted labels. */
    record Neighbours(long[] squaredDistances, int[] labelIndex, String[] labels) {
        /** The majority label among the first {@code k} (all when fewer), ties to the smaller label. */
        Prediction vote(int k) {
            int m = Math.min(k, labelIndex.length);
            int[] votes = new int[labels.length];
            int best = -1;
            for (int i = 0; i < m; i++) {
                votes[labelIndex[i]]++;
            }
            for (int l = 0; l < votes.length; l++) {
                if (votes[l] > 0 && (best < 0 || votes[l] > votes[best])) {
                    best = l;
                }
            }
            for (int i = 0; i < m; i++) {
                if (labelIndex[i] == best) {
                    return new Prediction(labels[best], Math.sqrt((double) squaredDistances[i]));
                }
            }
            throw new IllegalStateException("the winning label has no neighbour");
        }
    }
}
