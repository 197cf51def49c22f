package org.iotevent.signature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Nearest-neighbour classifier over {@link AlignmentDistance}, for bursts of any packet
 * count, with an open-set rejection: a burst farther than a calibrated threshold from every
 * training sample is {@link #UNKNOWN}.
 *
 * <p>The distance used for ranking and for the threshold is the alignment distance divided
 * by the bytes of both bursts, a number in [0, 1]: 0 for equal bursts, 1 when nothing can
 * be matched. The k nearest samples vote (every sample tied with the k-th nearest votes
 * too); the most votes win, ties go to the lexicographically smaller label.
 *
 * <p>Search is exact but pruned: identical training bursts are stored once with their label
 * counts, samples are sorted by byte total, and a candidate is skipped when the byte totals
 * alone prove it cannot beat the current k-th distance. Immutable after construction and
 * safe to share between threads (each thread gets its own scratch rows).
 */
public final class AlignmentClassifier implements Classifier {

    /** Name of this classifier in {@code --classifier} and signature files. */
    public static final String NAME = "align";

    /** Name of the open-set threshold among the signature file's classifier parameters. */
    public static final String THRESHOLD = "threshold";

    /** The label of a burst unlike every training sample. */
    public static final String UNKNOWN = "unknown";

    /**
     * A classification with the details the open-set decision used.
     *
     * @param label the winning label, or {@link #UNKNOWN}
     * @param nearestLabel the winning label before the open-set check (never unknown)
     * @param distance normalised alignment distance to the nearest training sample, in [0, 1]
     * @param bytes the alignment distance to that sample in bytes
     */
    public record Match(String label, String nearestLabel, double distance, int bytes) {
        public Match {
            if (label == null || nearestLabel == null || !(distance >= 0 && distance <= 1) || bytes < 0) {
                throw new IllegalArgumentException("invalid match " + label + " " + distance + " " + bytes);
            }
        }

        /** @return true when the burst was rejected as unlike every training sample */
        public boolean unknown() {
            return UNKNOWN.equals(label);
        }
    }

    private final int k;
    private final double threshold;
    /** Unique training bursts, sorted by byte total. */
    private final int[][] vectors;
    /** Per unique burst, its log gaps when timing is used, else null entries. */
    private final int[][] gapsOf;
    private final int timingWeight;
    private final long[] towards;
    private final long[] from;
    private final long[] total;
    /** Per unique burst: label indices and their counts. */
    private final int[][] labelIds;
    private final int[][] labelCounts;
    private final String[] labels;
    private final ThreadLocal<AlignmentDistance> scratch = ThreadLocal.withInitial(AlignmentDistance::new);

    /**
     * Builds the classifier from labelled bursts.
     *
     * @param bursts signed packet lengths in bytes, one array per sample, none empty
     * @param sampleLabels the label of each sample
     * @param k neighbours that vote, &gt;= 1
     * @param threshold normalised distance above which a burst is unknown, in [0, 1]; 1
     *     disables the rejection
     */
    public AlignmentClassifier(List<int[]> bursts, List<String> sampleLabels, int k, double threshold) {
        this(bursts, null, sampleLabels, k, threshold, 0);
    }

    /**
     * Builds the classifier from labelled bursts with their timing (an optional feature: see
     * {@link AlignmentDistance#distance(int[], int[], int[], int[], int, int)}).
     *
     * @param bursts signed packet lengths in bytes, one array per sample, none empty
     * @param gaps per sample, {@link AlignmentDistance#logGaps} of its packet times; null for
     *     no timing
     * @param sampleLabels the label of each sample
     * @param k neighbours that vote, &gt;= 1
     * @param threshold normalised distance above which a burst is unknown, in [0, 1]
     * @param timingWeight bytes per decade of gap difference, &gt;= 0 (0: no timing)
     */
    public AlignmentClassifier(List<int[]> bursts, List<int[]> gaps, List<String> sampleLabels, int k,
            double threshold, int timingWeight) {
        if (bursts.isEmpty() || bursts.size() != sampleLabels.size() || (gaps != null && gaps.size() != bursts.size())) {
            throw new IllegalArgumentException("need as many labels as bursts, at least one: "
                    + bursts.size() + " bursts, " + sampleLabels.size() + " labels");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, found " + k);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], found " + threshold);
        }
        if (timingWeight < 0) {
            throw new IllegalArgumentException("timing weight must be >= 0, found " + timingWeight);
        }
        this.k = k;
        this.threshold = threshold;
        this.timingWeight = gaps == null ? 0 : timingWeight;
        this.labels = sampleLabels.stream().distinct().sorted().toArray(String[]::new);
        Map<String, Integer> labelIndex = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            labelIndex.put(labels[i], i);
        }
        Map<Key, TreeMap<Integer, Integer>> unique = new HashMap<>();
        for (int i = 0; i < bursts.size(); i++) {
            int[] b = bursts.get(i);
            if (b.length == 0) {
                throw new IllegalArgumentException("sample " + i + " is an empty burst");
            }
            int[] g = gaps == null ? null : gaps.get(i);
            if (g != null && g.length != b.length) {
                throw new IllegalArgumentException("sample " + i + " has " + b.length + " packets but " + g.length + " gaps");
            }
            unique.computeIfAbsent(new Key(b.clone(), g == null ? null : g.clone()), x -> new TreeMap<>())
                    .merge(labelIndex.get(sampleLabels.get(i)), 1, Integer::sum);
        }
        List<Map.Entry<Key, TreeMap<Integer, Integer>>> entries = new ArrayList<>(unique.entrySet());
        entries.sort(Comparator.comparingLong((Map.Entry<Key, TreeMap<Integer, Integer>> e) -> bytes(e.getKey().v))
                .thenComparing(e -> e.getKey(), Key::compareTo));
        int u = entries.size();
        vectors = new int[u][];
        gapsOf = new int[u][];
        towards = new long[u];
        from = new long[u];
        total = new long[u];
        labelIds = new int[u][];
        labelCounts = new int[u][];
        for (int i = 0; i < u; i++) {
            int[] v = entries.get(i).getKey().v;
            vectors[i] = v;
            gapsOf[i] = entries.get(i).getKey().g;
            towards[i] = AlignmentDistance.bytesTowards(v);
            from[i] = AlignmentDistance.bytesFrom(v);
            total[i] = towards[i] + from[i];
            TreeMap<Integer, Integer> counts = entries.get(i).getValue();
            labelIds[i] = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
            labelCounts[i] = counts.values().stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * Builds a classifier whose open-set threshold is calibrated on the same samples.
     *
     * @param bursts signed packet lengths in bytes, one array per sample, none empty
     * @param sampleLabels the label of each sample
     * @param k neighbours that vote, &gt;= 1
     * @param rule how the threshold follows from the leave-one-out distances
     * @return the calibrated classifier
     */
    public static AlignmentClassifier calibrated(List<int[]> bursts, List<String> sampleLabels, int k, OpenSetRule rule) {
        AlignmentClassifier closed = new AlignmentClassifier(bursts, sampleLabels, k, 1.0);
        double threshold = rule.threshold(closed.leaveOneOutDistances());
        return threshold >= 1.0 ? closed : new AlignmentClassifier(bursts, sampleLabels, k, threshold);
    }

    /**
     * Rebuilds the classifier a signature file describes.
     *
     * @param spec name {@value #NAME}, parameters {@code k} and {@value #THRESHOLD} only
     * @param samples the signature's samples, at least one
     * @return the classifier
     * @throws IllegalArgumentException naming the parameter that is missing or out of range
     */
    static AlignmentClassifier restore(ClassifierSpec spec, List<LabeledSample> samples) {
        double k = spec.parameter("k", Double.NaN);
        if (!(k >= 1 && k <= 1000 && k == Math.rint(k))) {
            throw new IllegalArgumentException("classifier.parameters.k: expected an integer in [1, 1000], found " + k);
        }
        double threshold = spec.parameter(THRESHOLD, Double.NaN);
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("classifier.parameters." + THRESHOLD + ": expected a number in [0, 1], found "
                    + threshold);
        }
        if (spec.parameters().size() != 2) {
            throw new IllegalArgumentException("classifier.parameters: the align classifier takes only 'k' and '"
                    + THRESHOLD + "', found " + spec.parameters().keySet());
        }
        return new AlignmentClassifier(samples.stream().map(LabeledSample::vector).toList(),
                samples.stream().map(LabeledSample::label).toList(), (int) k, threshold);
    }

    /** @return the number of voting neighbours */
    public int k() {
        return k;
    }

    /** @return the normalised distance above which a burst is unknown */
    public double threshold() {
        return threshold;
    }

    /**
     * Labels a burst: the winning label or {@link #UNKNOWN}, with the alignment distance in
     * bytes to the nearest training sample.
     */
    @Override
    public Prediction classify(int[] signedLengths) {
        Match m = match(signedLengths);
        return new Prediction(m.label(), m.bytes());
    }

    /**
     * Classifies one burst.
     *
     * @param burst signed packet lengths in bytes, not empty
     * @return the label and the distances behind it
     */
    public Match match(int[] burst) {
        return search(burst, null, -1).vote();
    }

    /**
     * Classifies one burst with its timing; the same as {@link #match(int[])} when the
     * classifier was built without timing.
     *
     * @param burst signed packet lengths in bytes, not empty
     * @param gaps {@link AlignmentDistance#logGaps} of its packet times
     * @return the label and the distances behind it
     */
    public Match match(int[] burst, int[] gaps) {
        if (gaps.length != burst.length) {
            throw new IllegalArgumentException(burst.length + " packets but " + gaps.length + " gaps");
        }
        return search(burst, gaps, -1).vote();
    }

    /**
     * Leave-one-out nearest distances: for every training sample, the normalised distance
     * to its nearest other training sample (0 when an identical copy exists). These are the
     * distances a new burst of a known event is expected to have, and calibrate the
     * open-set threshold.
     *
     * @return one distance per training sample, ascending, in [0, 1]
     */
    public double[] leaveOneOutDistances() {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < vectors.length; i++) {
            int w = weight(i);
            if (w > 1) {
                for (int c = 0; c < w; c++) {
                    out.add(0.0);
                }
            } else if (vectors.length > 1) {
                out.add(Math.min(1.0, search(vectors[i], gapsOf[i], i).dist[0]));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** The k nearest training samples, skipping the unique burst at {@code excluded}. */
    private Neighbours search(int[] burst, int[] gaps, int excluded) {
        if (burst.length == 0) {
            throw new IllegalArgumentException("cannot classify an empty burst");
        }
        AlignmentDistance dist = scratch.get();
        long qt = AlignmentDistance.bytesTowards(burst);
        long qf = AlignmentDistance.bytesFrom(burst);
        long q = qt + qf;
        Neighbours nb = new Neighbours(k);
        int start = firstAtLeast(q);
        int lo = start - 1;
        int hi = start;
        while (lo >= 0 || hi < vectors.length) {
            // Visit the side whose byte total is closer to the query's; stop a side once its
            // byte-total bound exceeds the k-th distance (bounds grow monotonically outwards).
            boolean takeHi = lo < 0 || (hi < vectors.length && total[hi] - q <= q - total[lo]);
            int i = takeHi ? hi++ : lo--;
            double sizeBound = (double) Math.abs(total[i] - q) / (total[i] + q);
            if (sizeBound > nb.bound()) {
                if (takeHi) {
                    hi = vectors.length;
                } else {
                    lo = -1;
                }
                continue;
            }
            if (i == excluded) {
                continue;
            }
            long denom = total[i] + q;
            double lb = (double) AlignmentDistance.lowerBound(qt, qf, towards[i], from[i]) / denom;
            if (lb > nb.bound()) {
                continue;
            }
            double b = nb.bound();
            int intBound = b >= 1 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE - 1, Math.floor(b * denom + 1e-9));
            int d = dist.distance(burst, gaps, vectors[i], gapsOf[i], timingWeight, intBound);
            if (d == AlignmentDistance.EXCEEDS) {
                continue;
            }
            nb.add((double) d / denom, i, d);
        }
        return nb;
    }

    private int weight(int i) {
        int w = 0;
        for (int c : labelCounts[i]) {
            w += c;
        }
        return w;
    }

    private int firstAtLeast(long q) {
        int lo = 0;
        int hi = total.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (total[mid] < q) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The k nearest samples so far, counted with multiplicity, keeping ties. */
    private final class Neighbours {
        private final int k;
        private double[] dist = new double[8];
        private int[] bytes = new int[8];
        private int[] index = new int[8];
        private int size;

        Neighbours(int k) {
            this.k = k;
        }

        void add(double d, int i, int rawBytes) {
            if (size == dist.length) {
                dist = Arrays.copyOf(dist, size * 2);
                index = Arrays.copyOf(index, size * 2);
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            int pos = size++;
            while (pos > 0 && dist[pos - 1] > d) {
                dist[pos] = dist[pos - 1];
                index[pos] = index[pos - 1];
                bytes[pos] = bytes[pos - 1];
                pos--;
            }
            dist[pos] = d;
            index[pos] = i;
            bytes[pos] = rawBytes;
            // Drop entries beyond the k-th distance: they can no longer vote.
            double kth = bound();
            while (size > 0 && dist[size - 1] > kth) {
                size--;
            }
        }

        /** The k-th smallest distance so far (with multiplicity), or infinity. */
        double bound() {
            int seen = 0;
            for (int j = 0; j < size; j++) {
                seen += weight(index[j]);
                if (seen >= k) {
                    return dist[j];
                }
            }
            return Double.POSITIVE_INFINITY;
        }

        Match vote() {
            if (size == 0) {
                throw new IllegalStateException("no training sample left to vote");
            }
            int[] votes = new int[labels.length];
            for (int j = 0; j < size; j++) {
                int i = index[j];
                for (int l = 0; l < labelIds[i].length; l++) {
                    votes[labelIds[i][l]] += labelCounts[i][l];
                }
            }
            int best = 0;
            for (int l = 1; l < votes.length; l++) {
                if (votes[l] > votes[best]) {
                    best = l;
                }
            }
            String nearest = labels[best];
            double d = Math.min(1.0, dist[0]);
            return new Match(d > threshold ? UNKNOWN : nearest, nearest, d, bytes[0]);
        }
    }

    private static long bytes(int[] v) {
        long s = 0;
        for (int x : v) {
            s += Math.abs(x);
        }
        return s;
    }

    /** A burst (and its gaps, or null) with value equality, for de-duplicating training bursts. */
    private record Key(int[] v, int[] g) implements Comparable<Key> {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Arrays.equals(v, other.v) && Arrays.equals(g, other.g);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(v) + Arrays.hashCode(g);
        }

        @Override
        public int compareTo(Key o) {
            int c = Arrays.compare(v, o.v);
            return c != 0 ? c : Arrays.compare(g, o.g);
        }
    }
}
