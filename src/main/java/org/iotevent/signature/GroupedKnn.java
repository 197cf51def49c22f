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
 * <p>Ties, documented because they decide results on small data. A tie between an event and
 * {@value EventPairer#OTHER} goes to {@value EventPairer#OTHER}: a burst that looks exactly as much
 * like the device's own traffic as like an event is not an alert (a heartbeat with the lengths of
 * an event's sample would otherwise raise one every minute). So neighbours at equal distance are
 * ranked {@value EventPairer#OTHER} first, then by label (lexicographically smaller first), then by
 * sample order, and a vote tie goes to {@value EventPairer#OTHER}, else to the lexicographically
 * smaller label, as the reference figures of the IoTEvents data use (they hold no
 * {@value EventPairer#OTHER}). Such a decision is flagged ({@link Prediction#tieToOther()}) when the
 * burst got {@value EventPairer#OTHER} while an event had as many votes, or while a sample of an
 * event lay exactly as near as a sample of {@value EventPairer#OTHER} at the k-th place.
 *
 * <p>A burst whose n no sample has gets {@value EventPairer#OTHER} with distance {@code +Infinity}
 * (nothing learnt resembles it); where every true label is an event, as in the IoTEvents files,
 * that counts as an error, which is the authors' own rule. Immutable and thread-safe.
 */
public final class GroupedKnn implements Classifier {
    /** Name of this classifier in {@code --classifier} and signature files. */
    public static final String NAME = "paper";

    private final int k;
    /** The labels in tie order: {@value EventPairer#OTHER} first when present, then lexicographic. */
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
        List<String> order = new ArrayList<>(sorted);
        if (order.remove(EventPairer.OTHER)) {
            order.add(0, EventPairer.OTHER);
        }
        this.labels = order.toArray(new String[0]);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            index.put(labels[i], i);
        }
        Map<Integer, List<LabeledSample>> byN = new HashMap<>();
        for (LabeledSample s : samples) {
            byN.computeIfAbsent(s.packetCount(), n -> new ArrayList<>()).add(s);
        }
        byN.forEach((n, list) -> groups.put(n, new Group(n, list, index)));
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
        int other = otherIndex();
        // the smallest distance of an event's sample left out of the m nearest: a tie at the boundary
        long eventOut = Long.MAX_VALUE;
        for (int s = 0, off = 0; s < g.size; s++, off += n) {
            long d = 0;
            long worst = bestD[m - 1];
            for (int i = 0; i < n && d <= worst; i++) {
                long diff = (long) x[i] - data[off + i];
                d += diff * diff;
            }
            int label = g.labelOf[s];
            if (d < worst || (d == worst && label < bestLabel[m - 1])) {
                if (worst != Long.MAX_VALUE && bestLabel[m - 1] != other) {
                    eventOut = Math.min(eventOut, worst);
                }
                int j = m - 1;
                while (j > 0 && (bestD[j - 1] > d || (bestD[j - 1] == d && bestLabel[j - 1] > label))) {
                    bestD[j] = bestD[j - 1];
                    bestLabel[j] = bestLabel[j - 1];
                    j--;
                }
                bestD[j] = d;
                bestLabel[j] = label;
            } else if (d == worst && label != other) {
                eventOut = Math.min(eventOut, d);
            }
        }
        return new Neighbours(bestD, bestLabel, labels, other, eventOut);
    }

    /** The index of {@value EventPairer#OTHER} among the labels, or -1 when no sample has it. */
    private int otherIndex() {
        return labels[0].equals(EventPairer.OTHER) ? 0 : -1;
    }

    /** Samples of one packet count, their vectors in one flat array. */
    private static final class Group {
        final int n;
        final int size;
        final int[] data;
        final int[] labelOf;

        Group(int n, List<LabeledSample> samples, Map<String, Integer> labelIndex) {
            this.n = n;
            this.size = samples.size();
            this.data = new int[n * size];
            this.labelOf = new int[size];
            for (int s = 0; s < size; s++) {
                LabeledSample sample = samples.get(s);
                System.arraycopy(sample.vector(), 0, data, s * n, n);
                labelOf[s] = labelIndex.get(sample.label());
            }
        }
    }

    /**
     * Ranked nearest neighbours: squared distances ascending, label indices into the labels in tie
     * order; {@code other} the index of {@value EventPairer#OTHER} (or -1), {@code eventOut} the
     * smallest squared distance of an event's sample that was not kept.
     */
    record Neighbours(long[] squaredDistances, int[] labelIndex, String[] labels, int other, long eventOut) {
        /**
         * The majority label among the first {@code k} (all when fewer): most votes, ties to
         * {@value EventPairer#OTHER}, then to the smaller label; flagged when a tie made it
         * {@value EventPairer#OTHER}.
         */
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
            boolean tie = best == other && (eventAsManyVotes(votes) || eventAsNear(m));
            for (int i = 0; i < m; i++) {
                if (labelIndex[i] == best) {
                    return new Prediction(labels[best], Math.sqrt((double) squaredDistances[i]), tie);
                }
            }
            throw new IllegalStateException("the winning label has no neighbour");
        }

        private boolean eventAsManyVotes(int[] votes) {
            for (int l = 0; l < votes.length; l++) {
                if (l != other && votes[l] == votes[other]) {
                    return true;
                }
            }
            return false;
        }

        /** An {@code other} at the m-th distance among the m nearest, and an event's sample as near outside them. */
        private boolean eventAsNear(int m) {
            long boundary = squaredDistances[m - 1];
            boolean otherThere = false;
            for (int i = m - 1; i >= 0 && squaredDistances[i] == boundary; i--) {
                otherThere |= labelIndex[i] == other;
            }
            if (!otherThere) {
                return false;
            }
            for (int j = m; j < labelIndex.length && squaredDistances[j] == boundary; j++) {
                if (labelIndex[j] != other) {
                    return true;
                }
            }
            return eventOut == boundary;
        }
    }
}
