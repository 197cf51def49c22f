package org.iotevent.signature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.iotevent.traffic.EventPairer;

/**
 * Nearest-neighbour classifier over {@link AlignmentDistance}, for bursts of any packet
 * count, with an open-set rejection: a burst farther than a calibrated threshold from every
 * training sample is {@link #UNKNOWN}.
 *
 * <p>The distance used for ranking and for the threshold is the alignment distance divided
 * by the most it can be (every packet of both bursts unmatched), a number in [0, 1]: 0 for
 * equal bursts, 1 when nothing can be matched. The k nearest samples vote (every sample tied
 * with the k-th nearest votes too); the most votes win, a tie between an event and {@code other}
 * goes to {@code other} (a burst exactly as like the device's own traffic as an event is no
 * alert, as in {@link GroupedKnn}), other ties to the lexicographically smaller label.
 *
 * <p>Search is exact but pruned: identical training bursts are stored once with their label
 * counts, and a candidate is skipped when per-direction byte totals and packet counts alone
 * prove it cannot beat the current k-th distance. Immutable after construction and safe to
 * share between threads (each thread gets its own scratch rows).
 */
public final class AlignmentClassifier implements Classifier {

    /** Name of this classifier in {@code --classifier} and signature files. */
    public static final String NAME = "align";

    /** Name of the open-set threshold among the signature file's classifier parameters. */
    public static final String THRESHOLD = "threshold";

    /** The label of a burst unlike every training sample. */
    public static final String UNKNOWN = "unknown";

    /**
     * Default most an unmatched packet costs, bytes: a TCP acknowledgement's length, so an
     * interleaved or lost packet costs about as much as one missing acknowledgement, however
     * large it is (chosen by measurement, docs/better.md).
     */
    public static final int DEFAULT_GAP_CAP = 40;

    /** No cap: an unmatched packet costs its full length. */
    public static final int UNCAPPED = Integer.MAX_VALUE;

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

    /**
     * Packets of a burst (and of a training sample) compared: the first 1 000. Event bursts are
     * tens of packets; this bounds the alignment of a pathological burst (100 000 packets, a
     * stream cut into one burst) to 10^6 cells per sample instead of 10^10.
     */
    public static final int MAX_COMPARED_PACKETS = 1_000;

    /** A copy of the compared head of {@code a}. */
    static int[] compared(int[] a) {
        return Arrays.copyOf(a, Math.min(a.length, MAX_COMPARED_PACKETS));
    }

    /** The compared head of {@code a}: {@code a} itself when it is no longer (not to be kept or changed). */
    private static int[] head(int[] a) {
        return a.length > MAX_COMPARED_PACKETS ? compared(a) : a;
    }

    private final int k;
    /** The k of the search (the largest k of the classifiers sharing it, {@link #withK}). */
    private final int searchK;
    /** The last burst searched on this thread and its neighbours, shared by the views of one search. */
    private final LastSearch<Neighbours> last;
    private final double threshold;
    private final int gapCap;
    private final int timingWeight;
    /** Unique training bursts, in lexicographic order (so that ties are met in an order independent of the input's). */
    private final int[][] vectors;
    /** Per unique burst, its log gaps when timing is used, else null entries. */
    private final int[][] gapsOf;
    private final PruningStats[] stats;
    /** Per unique burst: label indices and their counts. */
    private final int[][] labelIds;
    private final int[][] labelCounts;
    /** Per unique burst: its samples (the sum of its label counts). */
    private final int[] weights;
    private final String[] labels;
    private final Map<Key, Integer> indexOf;
    private final ThreadLocal<AlignmentDistance> scratch;
    private final ThreadLocal<Answer[]> memos = ThreadLocal.withInitial(() -> new Answer[2 * MEMO_SETS]);
    /** Shared distances (null: align every pair here), and the id of each unique burst there. */
    private final BurstDistances distances;
    private final int[] ids;
    /** With shared distances: the unique bursts that are no original (cleaned ones), searched one by one. */
    private final Cleaned notOriginal;
    /**
     * With shared distances: per id (every original's at least), this classifier's unique burst of that
     * content or -1 (empty without).
     */
    private final int[] uniqueOfId;
    /** Per sample given at construction, its unique burst; -1 for one longer than {@link #MAX_COMPARED_PACKETS}. */
    private final int[] uniqueOfSample;

    /**
     * Builds the classifier from labelled bursts, unmatched packets costing at most
     * {@link #DEFAULT_GAP_CAP} bytes.
     *
     * @param bursts signed packet lengths in bytes, one array per sample, none empty
     * @param sampleLabels the label of each sample
     * @param k neighbours that vote, &gt;= 1
     * @param threshold normalised distance above which a burst is unknown, in [0, 1]; 1
     *     disables the rejection
     */
    public AlignmentClassifier(List<int[]> bursts, List<String> sampleLabels, int k, double threshold) {
        this(bursts, null, sampleLabels, k, threshold, 0, DEFAULT_GAP_CAP);
    }

    /**
     * Builds the classifier from labelled bursts with their timing (an optional feature: see
     * {@link AlignmentDistance#distance(int[], int[], int[], int[], int, int)}). Only the research
     * prototypes in {@code bench/research} use timing (mixed results, docs/better.md); training,
     * signature files and detection build without it.
     *
     * @param bursts signed packet lengths in bytes, one array per sample, none empty
     * @param gaps per sample, {@link AlignmentDistance#logGaps} of its packet times; null for
     *     no timing
     * @param sampleLabels the label of each sample
     * @param k neighbours that vote, &gt;= 1
     * @param threshold normalised distance above which a burst is unknown, in [0, 1]
     * @param timingWeight bytes per decade of gap difference, &gt;= 0 (0: no timing)
     * @param gapCap the most an unmatched packet costs, bytes, &gt;= 1 ({@link #UNCAPPED})
     */
    public AlignmentClassifier(List<int[]> bursts, List<int[]> gaps, List<String> sampleLabels, int k,
            double threshold, int timingWeight, int gapCap) {
        this(bursts, gaps, sampleLabels, k, threshold, timingWeight, gapCap, null);
    }

    /** As above, the distances taken from (and added to) {@code distances} when it applies (no timing, default cap). */
    private AlignmentClassifier(List<int[]> bursts, List<int[]> gaps, List<String> sampleLabels, int k,
            double threshold, int timingWeight, int gapCap, BurstDistances distances) {
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
        if (gapCap < 1) {
            throw new IllegalArgumentException("gap cap must be >= 1, found " + gapCap);
        }
        this.k = k;
        this.searchK = k;
        this.last = new LastSearch<>();
        this.threshold = threshold;
        this.gapCap = gapCap;
        this.indexOf = new HashMap<>();
        this.scratch = ThreadLocal.withInitial(() -> new AlignmentDistance(gapCap));
        this.timingWeight = gaps == null ? 0 : timingWeight;
        this.labels = sampleLabels.stream().distinct().sorted().toArray(String[]::new);
        boolean shared = distances != null && distances.enabled() && gaps == null && gapCap == DEFAULT_GAP_CAP;
        this.distances = shared ? distances : null;
        // in small steps, each its own method: the JIT compiles a large constructor again and again (seconds)
        Map<Key, Unique> unique = new HashMap<>();
        Unique[] ofSample = group(bursts, gaps, sampleLabels, unique);
        Unique[] sorted = unique.values().toArray(new Unique[0]);
        Arrays.sort(sorted, Comparator.comparing((Unique x) -> x.key));
        int u = sorted.length;
        vectors = new int[u][];
        gapsOf = new int[u][];
        stats = new PruningStats[u];
        labelIds = new int[u][];
        labelCounts = new int[u][];
        weights = new int[u];
        store(sorted);
        this.uniqueOfSample = uniqueOfSample(bursts, ofSample);
        this.ids = shared ? Arrays.stream(sorted).mapToInt(x -> x.id).toArray() : null;
        this.uniqueOfId = shared ? uniqueOfId(ids, distances.originals()) : new int[0];
        this.notOriginal = shared ? new Cleaned(IntStream.range(0, u).filter(i -> ids[i] < 0 || ids[i] >= distances.originals())
                .toArray()) : null;
    }

    /** Checks sample {@code i}: a burst, and as many gaps as packets (or none). */
    private static void check(int i, int[] burst, int[] gaps) {
        if (burst.length == 0) {
            throw new IllegalArgumentException("sample " + i + " is an empty burst");
        }
        if (gaps != null && gaps.length != burst.length) {
            throw new IllegalArgumentException("sample " + i + " has " + burst.length + " packets but " + gaps.length + " gaps");
        }
    }

    /**
     * Identical bursts kept once in {@code unique}, with their count per label (the compared head copied
     * once per distinct burst); with shared distances known by their ids (a sample's own array found
     * without reading it). Returns each sample's.
     */
    private Unique[] group(List<int[]> bursts, List<int[]> gaps, List<String> sampleLabels, Map<Key, Unique> unique) {
        Map<String, Integer> labelIndex = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            labelIndex.put(labels[i], i);
        }
        Unique[] byId = new Unique[distances != null ? distances.originals() : 0];
        Unique[] ofSample = new Unique[bursts.size()];
        for (int i = 0; i < bursts.size(); i++) {
            int[] b = bursts.get(i);
            int[] g = gaps == null ? null : gaps.get(i);
            check(i, b, g);
            int id = distances != null ? distances.id(head(b)) : -1;
            if (id >= byId.length) {
                byId = Arrays.copyOf(byId, Math.max(id + 1, 2 * byId.length));
            }
            Unique one = id >= 0 ? byId[id] : unique.get(new Key(head(b), g == null ? null : head(g)));
            if (one == null) {
                one = new Unique(new Key(compared(b), g == null ? null : compared(g)), labels.length, id);
                unique.put(one.key, one);
                if (id >= 0) {
                    byId[id] = one;
                }
            }
            one.counts[labelIndex.get(sampleLabels.get(i))]++;
            ofSample[i] = one;
        }
        return ofSample;
    }

    /** Fills the per-burst arrays from the unique bursts in their order, and numbers them. */
    private void store(Unique[] sorted) {
        for (int i = 0; i < sorted.length; i++) {
            Unique one = sorted[i];
            one.index = i;
            vectors[i] = one.key.v;
            gapsOf[i] = one.key.g;
            stats[i] = new PruningStats(one.key.v, gapCap);
            indexOf.put(one.key, i);
            int present = 0;
            for (int c : one.counts) {
                present += c > 0 ? 1 : 0;
            }
            labelIds[i] = new int[present];
            labelCounts[i] = new int[present];
            for (int l = 0, j = 0; l < one.counts.length; l++) {
                if (one.counts[l] > 0) {
                    labelIds[i][j] = l;
                    labelCounts[i][j++] = one.counts[l];
                    weights[i] += one.counts[l];
                }
            }
        }
    }

    /** Per sample, the index of its unique burst; -1 for one longer than {@link #MAX_COMPARED_PACKETS}. */
    private static int[] uniqueOfSample(List<int[]> bursts, Unique[] ofSample) {
        int[] out = new int[bursts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bursts.get(i).length > MAX_COMPARED_PACKETS ? -1 : ofSample[i].index;
        }
        return out;
    }

    /** Per id of the shared distances (every original's at least), the unique burst of that id or -1. */
    private static int[] uniqueOfId(int[] ids, int originals) {
        int n = originals;
        for (int id : ids) {
            n = Math.max(n, id + 1);
        }
        int[] out = new int[n];
        Arrays.fill(out, -1);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] >= 0) {
                out[ids[i]] = i;
            }
        }
        return out;
    }

    /**
     * The same samples with another k or threshold, without building them again: shares everything but
     * the answers' memo, and the last search too when the threshold is the same (its vote applies it).
     */
    private AlignmentClassifier(AlignmentClassifier o, int k, double threshold) {
        this.k = k;
        this.searchK = o.searchK;
        this.last = threshold == o.threshold ? o.last : new LastSearch<>();
        this.threshold = threshold;
        this.gapCap = o.gapCap;
        this.timingWeight = o.timingWeight;
        this.vectors = o.vectors;
        this.gapsOf = o.gapsOf;
        this.stats = o.stats;
        this.labelIds = o.labelIds;
        this.labelCounts = o.labelCounts;
        this.weights = o.weights;
        this.labels = o.labels;
        this.indexOf = o.indexOf;
        this.scratch = o.scratch;
        this.distances = o.distances;
        this.ids = o.ids;
        this.notOriginal = o.notOriginal;
        this.uniqueOfId = o.uniqueOfId;
        this.uniqueOfSample = o.uniqueOfSample;
    }

    /**
     * This classifier voting with {@code k} neighbours: the classifier built from the same samples
     * and threshold with that k, without building it again.
     *
     * @param k neighbours that vote, &gt;= 1
     */
    AlignmentClassifier withK(int k) {
        if (k < 1 || k > searchK) {
            throw new IllegalArgumentException("k " + k + " outside [1, " + searchK + "]");
        }
        return k == this.k ? this : new AlignmentClassifier(this, k, threshold);
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
        return calibrated(bursts, bursts, sampleLabels, k, rule);
    }

    /**
     * Builds a classifier from {@code templates} (for example {@link SampleCleaner cleaned}
     * samples) whose open-set threshold is calibrated with the original {@code bursts} as
     * queries, since new bursts arrive as they are, not cleaned.
     *
     * @param bursts the samples as captured
     * @param templates what the classifier stores, one per sample, same order
     * @param sampleLabels the label of each sample
     * @param k neighbours that vote, &gt;= 1
     * @param rule how the threshold follows from the leave-one-out distances
     * @return the calibrated classifier
     */
    public static AlignmentClassifier calibrated(List<int[]> bursts, List<int[]> templates, List<String> sampleLabels,
            int k, OpenSetRule rule) {
        return calibrated(bursts, templates, sampleLabels, k, rule, null);
    }

    /** As above, with distances shared through {@code distances} (null for none): the same classifier, sooner. */
    static AlignmentClassifier calibrated(List<int[]> bursts, List<int[]> templates, List<String> sampleLabels, int k,
            OpenSetRule rule, BurstDistances distances) {
        AlignmentClassifier closed = new AlignmentClassifier(templates, null, sampleLabels, k, 1.0, 0, DEFAULT_GAP_CAP,
                distances);
        double threshold = rule.threshold(closed.leaveOneOutDistances(bursts, closed.uniqueOfSample,
                closed.queryIds(bursts, templates)));
        return threshold >= 1.0 ? closed : new AlignmentClassifier(closed, k, threshold);
    }

    /**
     * The id of each of the samples' bursts in the shared distances (-1 without them, or for a burst longer than
     * {@link #MAX_COMPARED_PACKETS}): its stored burst's when the burst itself is stored (not cleaned), found
     * when the classifier was built.
     */
    private int[] queryIds(List<int[]> bursts, List<int[]> templates) {
        int[] out = new int[bursts.size()];
        for (int i = 0; i < out.length; i++) {
            int[] b = bursts.get(i);
            out[i] = distances == null || b.length > MAX_COMPARED_PACKETS ? -1
                    : b == templates.get(i) ? ids[uniqueOfSample[i]] : distances.id(b);
        }
        return out;
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
        return answer(signedLengths).prediction();
    }

    /**
     * Classifies one burst.
     *
     * @param burst signed packet lengths in bytes, not empty
     * @return the label and the distances behind it
     */
    public Match match(int[] burst) {
        return answer(burst).match();
    }

    /** The memo's answer for {@code burst}, searched when it is not there. */
    private Answer answer(int[] burst) {
        Answer[] memo = memos.get();
        int slot = 2 * ((Arrays.hashCode(burst) & 0x7fffffff) % MEMO_SETS);
        for (int place = slot; place < slot + 2; place++) {
            Answer a = memo[place];
            if (a != null && Arrays.equals(a.burst(), burst)) {
                // the set's most recent first, written alike for either place: a hit in the second,
                // rare while the JIT profiles, is then no branch of its own that compiled code lacks
                memo[place] = memo[slot];
                memo[slot] = a;
                return a;
            }
        }
        searched.increment();
        Match m = last.of(burst, b -> search(b, null, -1, searchK)).vote(k);
        Answer a = new Answer(burst.clone(), m, new Prediction(m.label(), m.bytes()));
        if (burst.length <= MEMO_MAX_PACKETS) {
            memo[slot + 1] = memo[slot]; // the least recent of the set goes
            memo[slot] = a;
        }
        return a;
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
        return search(burst, gaps, -1, k).vote(k);
    }

    /**
     * Classifies one burst for several k at once, from one search: entry i is what a classifier of
     * the same samples and threshold with {@code k = ks[i]} would say. For choosing k.
     *
     * @param ks each in {@code [1, k()]}
     */
    Match[] matchEach(int[] burst, int[] ks) {
        Neighbours nb = search(burst, null, -1, k);
        Match[] out = new Match[ks.length];
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] < 1 || ks[i] > k) {
                throw new IllegalArgumentException("k " + ks[i] + " outside [1, " + k + "]");
            }
            out[i] = nb.vote(ks[i]);
        }
        return out;
    }

    /**
     * Leave-one-out nearest distances: for every training sample, the normalised distance to
     * its nearest other training sample (0 when an identical copy exists). These are the
     * distances a new burst of a known event is expected to have, and calibrate the
     * open-set threshold.
     *
     * @return one distance per training sample, ascending, in [0, 1]
     */
    public double[] leaveOneOutDistances() {
        List<int[]> all = new ArrayList<>();
        List<Integer> own = new ArrayList<>();
        for (int i = 0; i < vectors.length; i++) {
            for (int c = 0; c < weight(i); c++) {
                all.add(vectors[i]);
                own.add(gapsOf[i] == null ? i : -1); // a burst with timing is not left out (as before timing)
            }
        }
        int[] stored = own.stream().mapToInt(Integer::intValue).toArray();
        return leaveOneOutDistances(all, stored, Arrays.stream(stored).map(i -> ids == null ? -1 : ids[i]).toArray());
    }

    /**
     * Leave-one-out distances with queries that differ from what the classifier stores: the
     * distance from {@code queries[i]} to the nearest training sample other than one copy of
     * unique burst {@code stored[i]} (none for -1); {@code queryIds} their ids in the shared distances.
     */
    private double[] leaveOneOutDistances(List<int[]> queries, int[] stored, int[] queryIds) {
        double[] out = new double[queries.size()];
        // samples repeat: a query and the burst it leaves out are searched once
        Map<Object, Double> known = new HashMap<>();
        for (int i = 0; i < out.length; i++) {
            int own = stored[i];
            int excluded = own >= 0 && weight(own) == 1 ? own : -1;
            int[] query = queries.get(i);
            int queryId = queryIds[i];
            Object key = queryId >= 0 ? (Object) (((long) queryId << 32) | (excluded + 1)) : List.of(new Key(query, null), excluded);
            out[i] = known.computeIfAbsent(key, x -> {
                // the nearest alone: the same first distance as with k neighbours, found with tighter pruning
                Neighbours nb = search(query, null, excluded, 1);
                return nb.size() == 0 ? 1.0 : Math.min(1.0, nb.dist(0));
            });
        }
        Arrays.sort(out);
        return out;
    }

    /** The k nearest training samples, skipping the unique burst at {@code excluded}. */
    private Neighbours search(int[] fullBurst, int[] fullGaps, int excluded, int k) {
        if (fullBurst.length == 0) {
            throw new IllegalArgumentException("cannot classify an empty burst");
        }
        int[] burst = fullBurst.length > MAX_COMPARED_PACKETS ? compared(fullBurst) : fullBurst;
        int[] gaps = fullGaps == null || fullGaps.length <= MAX_COMPARED_PACKETS ? fullGaps : compared(fullGaps);
        AlignmentDistance dist = scratch.get();
        PruningStats q = new PruningStats(burst, gapCap);
        Neighbours nb = new Neighbours(k);
        int queryId = distances == null ? -1 : distances.id(burst);
        Integer exact = gaps == null ? unique(burst, queryId) : null;
        int first = exact == null || exact == excluded ? -1 : exact;
        if (first >= 0) {
            // An identical training burst: distance 0, which tightens the bound at once.
            nb.add(0, first, 0);
        }
        BurstDistances.Nearest near = distances == null || gaps != null ? null : distances.nearest(queryId);
        if (near != null && walk(near, nb, excluded, first)) {
            // the samples' bursts came from the query's list; the others (cleaned ones) from theirs: the
            // query (an original) lies farther than everything a list names when the list does not name it
            Neighbours walked = nb;
            notOriginal.search(queryId, walked, excluded, first,
                    i -> consider(i, walked, q, queryId, burst, gaps, dist, excluded, first));
            return walked;
        }
        if (near != null) {
            nb = new Neighbours(k);
            if (first >= 0) {
                nb.add(0, first, 0);
            }
        }
        for (int i = 0; i < vectors.length; i++) {
            consider(i, nb, q, queryId, burst, gaps, dist, excluded, first);
        }
        return nb;
    }

    /**
     * Adds this classifier's bursts among the query's nearest in the order of that list, as far as they
     * can still count; false when the list ended before that could be told (then every burst is searched).
     */
    private boolean walk(BurstDistances.Nearest near, Neighbours nb, int excluded, int first) {
        for (int e = 0; e < near.ids().length; e++) {
            double d = near.dist()[e];
            if (d > nb.bound()) {
                return true;
            }
            int i = uniqueOfId[near.ids()[e]];
            if (i >= 0 && i != excluded && i != first) {
                nb.add(d, i, near.bytes()[e]);
            }
        }
        return nb.bound() <= near.complete();
    }

    /** The unique burst equal to {@code burst} (of id {@code id} in the shared distances, or -1), or null. */
    private Integer unique(int[] burst, int id) {
        if (id < 0) {
            return indexOf.get(new Key(burst, null));
        }
        return id < uniqueOfId.length && uniqueOfId[id] >= 0 ? uniqueOfId[id] : null;
    }

    /** Unique burst {@code i} lies farther than normalised distance {@code b} by the lower bound alone. */
    private boolean pruned(int i, double b, PruningStats q) {
        return Ranking.beyond(q, stats[i], b, gapCap);
    }

    /** Adds unique burst {@code i} when it can be among the nearest (pruned by the lower bound first). */
    private void consider(int i, Neighbours nb, PruningStats q, int queryId, int[] burst, int[] gaps, AlignmentDistance dist,
            int excluded, int first) {
        if (i == excluded || i == first) {
            return;
        }
        double b = nb.bound();
        if (pruned(i, b, q)) {
            return;
        }
        long denom = q.capBytes + stats[i].capBytes;
        int intBound = Ranking.byteBound(b, denom);
        int d = distances != null ? distances.distance(queryId, burst, ids[i], vectors[i], intBound)
                : dist.distance(burst, gaps, vectors[i], gapsOf[i], timingWeight, intBound);
        if (d != AlignmentDistance.EXCEEDS) {
            nb.add((double) d / denom, i, d);
        }
    }

    private int weight(int i) {
        return weights[i];
    }

    /**
     * With shared distances, the unique bursts that are no original (cleaned ones) and their own lists of
     * nearest originals: ordered by how far each list reaches ({@link BurstDistances.Nearest#complete}), and
     * indexed by the originals the lists name, so a query finds the lists that name it without reading
     * every list.
     */
    private final class Cleaned {
        /** Unique bursts, by reach ascending (those without a list first). */
        private final int[] order;
        /** Per entry of the order, its list's reach (-1 without a list) and its list. */
        private final double[] reach;
        private final BurstDistances.Nearest[] lists;
        /** Per original id: pairs (entry of the order, position in its list) of the lists that name it. */
        private final int[][] namedBy;

        Cleaned(int[] unique) {
            int n = unique.length;
            BurstDistances.Nearest[] own = new BurstDistances.Nearest[n];
            for (int c = 0; c < n; c++) {
                own[c] = distances.nearest(ids[unique[c]], vectors[unique[c]]);
            }
            Integer[] byReach = IntStream.range(0, n).boxed()
                    .sorted(Comparator.comparingDouble(c -> own[c] == null ? -1 : own[c].complete())).toArray(Integer[]::new);
            order = new int[n];
            reach = new double[n];
            lists = new BurstDistances.Nearest[n];
            Map<Integer, List<Integer>> named = new HashMap<>();
            for (int s = 0; s < n; s++) {
                int c = byReach[s];
                order[s] = unique[c];
                lists[s] = own[c];
                reach[s] = own[c] == null ? -1 : own[c].complete();
                for (int e = 0; own[c] != null && e < own[c].ids().length; e++) {
                    List<Integer> pairs = named.computeIfAbsent(own[c].ids()[e], x -> new ArrayList<>());
                    pairs.add(s);
                    pairs.add(e);
                }
            }
            namedBy = new int[named.isEmpty() ? 0 : distances.originals()][];
            named.forEach((id, pairs) -> namedBy[id] = pairs.stream().mapToInt(Integer::intValue).toArray());
        }

        /**
         * Offers the neighbours every cleaned burst that can be among them: those whose lists reach less far
         * than the bound one by one ({@code consider}), the others from their lists (the query lies farther
         * than a list reaches when the list does not name it, and the bound only shrinks).
         */
        void search(int queryId, Neighbours nb, int excluded, int first, IntConsumer consider) {
            // bursts whose lists may end before the bound: one by one
            double b0 = nb.bound();
            for (int s = 0; s < order.length && reach[s] < b0; s++) {
                consider.accept(order[s]);
            }
            int[] pairs = queryId < namedBy.length ? namedBy[queryId] : null;
            for (int p = 0; pairs != null && p < pairs.length; p += 2) {
                int s = pairs[p];
                int i = order[s];
                double d = lists[s].dist()[pairs[p + 1]];
                if (reach[s] >= b0 && i != excluded && i != first && d <= nb.bound()) {
                    nb.add(d, i, lists[s].bytes()[pairs[p + 1]]);
                }
            }
        }
    }

    /**
     * The sets of the memo of the latest answers, by burst, two answers a set, the least recent
     * replaced: a device's own traffic repeats the same few bursts (heartbeats, keep-alives) all day,
     * and the same burst always gets the same answer. On the 1 GB nine-device capture (1.88 M
     * bursts, 18 400 distinct) 4093 sets search 18 550 times (a memo of every burst: 18 400), where
     * 4093 single slots searched 23 400 times and 65 521 single slots 18 800.
     */
    static final int MEMO_SETS = 4093;

    /**
     * Bursts of more packets are not remembered (they seldom come again): the memo then holds at
     * most about 3 MB a classifier and thread, whatever the capture (a burst may reach 100 000 packets).
     */
    static final int MEMO_MAX_PACKETS = 64;

    /** Searches made (each answer not found in the memo): what tests look at. */
    private final java.util.concurrent.atomic.LongAdder searched = new java.util.concurrent.atomic.LongAdder();

    /** The searches made so far, on every thread (a burst's answer not found in the memo). */
    long searches() {
        return searched.sum();
    }

    /** A burst and its answer as the memo keeps them: one object a slot (one memory access less a lookup). */
    private record Answer(int[] burst, Match match, Prediction prediction) {}

    /** The k nearest training bursts so far, counted with their samples, keeping ties; and their vote. */
    private final class Neighbours extends Ranking {
        Neighbours(int k) {
            super(k, weights);
        }

        /** The vote of the {@code kv} nearest (every sample tied with the kv-th too), {@code kv <= k}. */
        Match vote(int kv) {
            if (size() == 0) {
                throw new IllegalStateException("no training sample left to vote");
            }
            double kth = bound(kv);
            int[] votes = new int[labels.length];
            for (int j = 0; j < size() && dist(j) <= kth; j++) {
                int i = index(j);
                for (int l = 0; l < labelIds[i].length; l++) {
                    votes[labelIds[i][l]] += labelCounts[i][l];
                }
            }
            int best = 0;
            for (int l = 1; l < votes.length; l++) {
                if (votes[l] > votes[best] || (votes[l] == votes[best] && labels[l].equals(EventPairer.OTHER))) {
                    best = l;
                }
            }
            String nearest = labels[best];
            double d = Math.min(1.0, dist(0));
            return new Match(d > threshold ? UNKNOWN : nearest, nearest, d, bytes(0));
        }
    }

    /** A distinct training burst: its content, its count per label, its id in the shared distances (-1: none), its index. */
    private static final class Unique {
        final Key key;
        final int[] counts;
        final int id;
        int index;

        Unique(Key key, int labels, int id) {
            this.key = key;
            this.counts = new int[labels];
            this.id = id;
        }
    }

    /** A burst (and its gaps, or null) with value equality, for de-duplicating training bursts; its hash computed once. */
    private static final class Key implements Comparable<Key> {
        final int[] v;
        final int[] g;
        private final int hash;

        Key(int[] v, int[] g) {
            this.v = v;
            this.g = g;
            this.hash = 31 * Arrays.hashCode(v) + Arrays.hashCode(g);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && hash == other.hash && Arrays.equals(v, other.v) && Arrays.equals(g, other.g);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public int compareTo(Key o) {
            int c = Arrays.compare(v, o.v);
            return c != 0 ? c : Arrays.compare(g, o.g);
        }
    }
}
