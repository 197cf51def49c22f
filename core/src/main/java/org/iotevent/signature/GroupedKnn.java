package org.iotevent.signature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.iotevent.traffic.EventPairer;
import org.iotevent.traffic.ParameterEstimator;

/**
 * The paper's classifier: samples grouped by their packet count n; a burst is compared only with
 * the samples of its own n, by Euclidean distance over the signed lengths, and takes the majority
 * label of its k nearest (all of the group when it holds fewer than k).
 *
 * <p>Ties, documented because they decide results on small data. Between events: neighbours at
 * equal distance are ranked by label (lexicographically smaller first), then by sample order, and a
 * vote tie goes to the lexicographically smaller label, as the reference figures of the IoTEvents
 * data use (they hold no {@value EventPairer#OTHER}). Between an event and {@value EventPairer#OTHER}:
 * when samples of both lie equally near at the k-th place and not all of them fit among the k,
 * every sample at that distance votes (a heartbeat seen 500 times as {@value EventPairer#OTHER} and
 * twice inside an event's window stays {@value EventPairer#OTHER}; an event's exchange seen 20 times
 * with the event and once unpaired stays the event), and an equal vote goes to
 * {@value EventPairer#OTHER}: a burst that looks exactly as much like the device's own traffic as
 * like an event is not an alert. Such a decision is flagged ({@link Prediction#tieToOther()}).
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
    private final Map<Integer, Group> groups;
    /** The k of the search (the largest k of the classifiers sharing it, {@link #withK}). */
    private final int searchK;
    /** The last burst searched on this thread and its neighbours, shared by the views of one search. */
    private final LastSearch<Neighbours> last;

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
        this.searchK = k;
        this.groups = new HashMap<>();
        this.last = new LastSearch<>();
        TreeSet<String> sorted = new TreeSet<>();
        samples.forEach(s -> sorted.add(s.label()));
        List<String> order = new ArrayList<>(sorted);
        if (!Boolean.getBoolean("iotevent.oldties") && order.remove(EventPairer.OTHER)) {
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

    private GroupedKnn(GroupedKnn o, int k) {
        this.k = k;
        this.searchK = o.searchK;
        this.labels = o.labels;
        this.groups = o.groups;
        this.last = o.last;
    }

    /**
     * This classifier voting with {@code k}: the classifier of the same samples with that k, sharing
     * its search, so the views of one k sweep labelling the same burst in turn search it once.
     *
     * @param k in {@code [1, k()]}
     */
    GroupedKnn withK(int k) {
        if (k < 1 || k > searchK) {
            throw new IllegalArgumentException("k " + k + " outside [1, " + searchK + "]");
        }
        return new GroupedKnn(this, k);
    }

    /** The k this classifier votes with. */
    public int k() {
        return k;
    }

    @Override
    public Prediction classify(int[] signedLengths) {
        Neighbours nb = last.of(signedLengths, b -> nearest(b, searchK));
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
        // the smallest distances of an event's and of other's samples left out of the m nearest
        long eventOut = Long.MAX_VALUE;
        long otherOut = Long.MAX_VALUE;
        // Samples in order of their sum's distance from the burst's: by Cauchy-Schwarz the squared
        // distance is at least (difference of sums)^2 / n, so the walk stops once that exceeds the
        // m-th distance on both sides (the samples left can neither be kept nor tie with it).
        long sum = 0;
        for (int v : x) {
            sum += v;
        }
        int hi = ParameterEstimator.firstAtLeast(g.sums, sum);
        int lo = hi - 1;
        while (lo >= 0 || hi < g.distinct) {
            long worst = bestD[m - 1];
            boolean down = hi >= g.distinct || (lo >= 0 && sum - g.sums[lo] <= g.sums[hi] - sum);
            long gap = down ? sum - g.sums[lo] : g.sums[hi] - sum;
            if (worst != Long.MAX_VALUE && (double) gap * gap > (double) worst * n) {
                break;
            }
            int s = down ? g.order[lo--] : g.order[hi++];
            int off = s * n;
            long d = 0;
            for (int i = 0; i < n && d <= worst; i++) {
                long diff = (long) x[i] - data[off + i];
                d += diff * diff;
            }
            int label = g.labelOf[s];
            // each copy as a sample of its own; after m copies the rest change nothing more
            for (int copy = Math.min(g.weight[s], m + 1); copy > 0; copy--) {
                worst = bestD[m - 1];
                if (d < worst || (d == worst && label < bestLabel[m - 1])) {
                    if (worst != Long.MAX_VALUE && bestLabel[m - 1] != other) {
                        eventOut = Math.min(eventOut, worst);
                    } else if (worst != Long.MAX_VALUE) {
                        otherOut = Math.min(otherOut, worst);
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
                } else if (d == worst) {
                    otherOut = Math.min(otherOut, d);
                } else {
                    break;
                }
            }
        }
        return new Neighbours(bestD, bestLabel, eventOut, otherOut, g, x);
    }

    /** The index of {@value EventPairer#OTHER} among the labels, or -1 when no sample has it. */
    private int otherIndex() {
        return labels[0].equals(EventPairer.OTHER) ? 0 : -1;
    }

    /** Samples of one packet count, their vectors in one flat array. */
    private static final class Group {
        final int n;
        /** Samples, counted with multiplicity. */
        final int size;
        /** Distinct (vector, label) pairs: their vectors in one flat array, labels and sample counts. */
        final int distinct;
        final int[] data;
        final int[] labelOf;
        final int[] weight;
        /** The distinct pairs by the sum of their signed lengths, and those sums, ascending. */
        final int[] order;
        final long[] sums;

        Group(int n, List<LabeledSample> samples, Map<String, Integer> labelIndex) {
            this.n = n;
            this.size = samples.size();
            Map<List<Object>, Integer> seen = new HashMap<>();
            List<LabeledSample> unique = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            for (LabeledSample sample : samples) {
                Integer at = seen.putIfAbsent(List.of(new BurstContent(sample.vector()), sample.label()), unique.size());
                if (at == null) {
                    unique.add(sample);
                    counts.add(1);
                } else {
                    counts.set(at, counts.get(at) + 1);
                }
            }
            this.distinct = unique.size();
            this.data = new int[n * distinct];
            this.labelOf = new int[distinct];
            this.weight = counts.stream().mapToInt(Integer::intValue).toArray();
            long[] sumOf = new long[distinct];
            for (int s = 0; s < distinct; s++) {
                LabeledSample sample = unique.get(s);
                System.arraycopy(sample.vector(), 0, data, s * n, n);
                labelOf[s] = labelIndex.get(sample.label());
                for (int v : sample.vector()) {
                    sumOf[s] += v;
                }
            }
            this.order = IntStream.range(0, distinct).boxed().sorted(Comparator.comparingLong(s -> sumOf[s]))
                    .mapToInt(Integer::intValue).toArray();
            this.sums = Arrays.stream(order).mapToLong(s -> sumOf[s]).toArray();
        }
    }

    /**
     * Ranked nearest neighbours: squared distances ascending and label indices (into the labels in
     * tie order) of the up to kMax nearest; the smallest squared distances of an event's and of
     * {@value EventPairer#OTHER}'s samples that were not kept; the group and the burst, to count the
     * samples tied at a boundary.
     */
    final class Neighbours {
        private final long[] squaredDistances;
        private final int[] labelIndex;
        private final long eventOut;
        private final long otherOut;
        private final Group group;
        private final int[] x;

        Neighbours(long[] squaredDistances, int[] labelIndex, long eventOut, long otherOut, Group group, int[] x) {
            this.squaredDistances = squaredDistances;
            this.labelIndex = labelIndex;
            this.eventOut = eventOut;
            this.otherOut = otherOut;
            this.group = group;
            this.x = x;
        }

        /**
         * The majority label among the first {@code k} (all when fewer): most votes, ties to
         * {@value EventPairer#OTHER}, then to the smaller label. When samples of an event and of
         * {@value EventPairer#OTHER} lie equally near at the k-th place and not all of them fit in,
         * every sample at that distance votes, so the label with more such samples wins. Flagged
         * when {@value EventPairer#OTHER} won with an event as many votes.
         */
        Prediction vote(int k) {
            int m = Math.min(k, labelIndex.length);
            long boundary = squaredDistances[m - 1];
            int other = otherIndex();
            int[] votes = new int[labels.length];
            boolean widened = other >= 0 && straddled(m, boundary) && mixed(boundary, other);
            for (int i = 0; i < m; i++) {
                if (!widened || squaredDistances[i] < boundary) {
                    votes[labelIndex[i]]++;
                }
            }
            if (widened) {
                countAt(boundary, votes);
            }
            int best = -1;
            for (int l = 0; l < votes.length; l++) {
                if (votes[l] > 0 && (best < 0 || votes[l] > votes[best])) {
                    best = l;
                }
            }
            boolean tie = false;
            for (int l = 0; l < votes.length && best == other; l++) {
                tie |= l != other && votes[l] == votes[other];
            }
            for (int i = 0; i < labelIndex.length; i++) {
                if (labelIndex[i] == best) {
                    return new Prediction(labels[best], Math.sqrt((double) squaredDistances[i]), tie);
                }
            }
            return new Prediction(labels[best], Math.sqrt((double) boundary), tie);
        }

        /** Some sample at the boundary distance did not fit among the first m. */
        private boolean straddled(int m, long boundary) {
            return (m < labelIndex.length && squaredDistances[m] == boundary) || eventOut == boundary || otherOut == boundary;
        }

        /** Samples of an event and of other both lie at the boundary distance. */
        private boolean mixed(long boundary, int other) {
            boolean otherThere = otherOut == boundary;
            boolean eventThere = eventOut == boundary;
            for (int i = 0; i < labelIndex.length; i++) {
                if (squaredDistances[i] == boundary) {
                    otherThere |= labelIndex[i] == other;
                    eventThere |= labelIndex[i] != other;
                }
            }
            return otherThere && eventThere;
        }

        /** Adds one vote per sample of the group at exactly this squared distance. */
        private void countAt(long boundary, int[] votes) {
            int n = group.n;
            for (int s = 0, off = 0; s < group.distinct; s++, off += n) {
                long d = 0;
                for (int i = 0; i < n && d <= boundary; i++) {
                    long diff = (long) x[i] - group.data[off + i];
                    d += diff * diff;
                }
                if (d == boundary) {
                    votes[group.labelOf[s]] += group.weight[s];
                }
            }
        }
    }
}
