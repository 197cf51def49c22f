package org.iotevent.signature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Alignment distances between bursts, each pair computed once and shared by every classifier built
 * from the same samples: the cross-validation inside every training, the folds and splits of an
 * evaluation and the k sweep all compare the same bursts again and again, and the distance between
 * two bursts does not depend on the split. Bursts are known by their content (an id per distinct
 * burst); a pair is remembered as its exact distance, or as "more than B" when it was computed with a
 * bound B and exceeded it (a later question with a bound at most B is answered from that, a larger
 * bound computes again), so the banded, early-abandoning alignment keeps its savings.
 *
 * <p>Answers are exactly those of {@link AlignmentDistance#distance(int[], int[], int)} with the
 * default gap cap, so a classifier gives the same labels with or without the cache. Thread-safe
 * without locks: an entry is one int, every value ever written for a pair is true of it, so a race
 * costs at most a second alignment. Memory is bounded: a row per burst id holding its pairs with
 * smaller ids, {@link #MAX_ENTRIES} entries at most (beyond, pairs are aligned and not kept), and
 * {@link #MAX_BURSTS} ids. One instance serves one set of samples (one evaluation, one training).
 */
public final class BurstDistances {
    /** Most pairs remembered: 4 bytes each, 120 MB. */
    public static final long MAX_ENTRIES = 30_000_000;
    /**
     * Most distinct bursts given an id; later ones are compared directly (a classifier that keeps the
     * cache and goes on to label a long capture must not grow it).
     */
    public static final int MAX_BURSTS = 100_000;

    /** Most pairs whose matched packets ({@link SampleCleaner}) are remembered. */
    public static final int MAX_MATCHES = 1_000_000;

    /** No cache: classifiers align every pair they compare, as before the cache. */
    public static final BurstDistances DISABLED = new BurstDistances(false, List.of(), 1);

    /** An entry never written: a distance is below Integer.MAX_VALUE and an excess bound is negative. */
    private static final int ABSENT = Integer.MAX_VALUE;

    private final boolean enabled;
    private final ConcurrentHashMap<BurstContent, Integer> ids = new ConcurrentHashMap<>();
    /**
     * The ids of the samples' own arrays (of at most {@link AlignmentClassifier#MAX_COMPARED_PACKETS}
     * packets), by identity: the folds and splits hand the same arrays in again and again, and this finds
     * them without reading them. Written at construction only.
     */
    private final IdentityHashMap<int[], Integer> given = new IdentityHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicLong entries = new AtomicLong();
    /** rows[a][b] for b < a: the pair's entry. */
    private final AtomicReferenceArray<int[]> rows;
    /** Per ordered pair (x, y): which packets of x an alignment with y matches, as bits. */
    private final ConcurrentHashMap<Long, long[]> matches = new ConcurrentHashMap<>();
    private final ThreadLocal<AlignmentDistance> scratch =
            ThreadLocal.withInitial(() -> new AlignmentDistance(AlignmentClassifier.DEFAULT_GAP_CAP));

    /** Entries of a burst's list of nearest samples ({@link #nearest}), ties with the last included. */
    static final int NEAREST = 24;

    /** Entries of each list here: {@link #NEAREST}, fewer in tests that make searches run past the lists. */
    private final int listed;

    /** Ids {@code [0, originals)} are the distinct bursts of the samples given at construction. */
    private final int originals;
    private final int[][] originalBursts;
    private final PruningStats[] originalStats;
    private final AtomicReferenceArray<Nearest> nearest;

    /** An empty cache. */
    public BurstDistances() {
        this(true, List.of(), NEAREST);
    }

    /**
     * A cache for classifiers built from subsets of {@code samples} (the folds and splits of one
     * evaluation): each distinct burst of them gets, on first use as a query, the list of its nearest
     * among them, so a search over any subset walks that list instead of every sample.
     */
    public BurstDistances(List<LabeledSample> samples) {
        this(true, samples, NEAREST);
    }

    /** As above with lists of {@code listed} entries (at least 1). */
    BurstDistances(List<LabeledSample> samples, int listed) {
        this(true, samples, listed);
    }

    private BurstDistances(boolean enabled, List<LabeledSample> samples, int listed) {
        this.enabled = enabled;
        this.listed = listed;
        this.rows = new AtomicReferenceArray<>(enabled ? MAX_BURSTS : 0);
        List<int[]> distinct = new ArrayList<>();
        int[] idOf = new int[samples.size()];
        for (int i = 0; i < idOf.length; i++) {
            int[] v = samples.get(i).vector();
            // the compared head: the sample's own array when no longer (id() keeps a copy of a new content)
            int[] b = v.length > AlignmentClassifier.MAX_COMPARED_PACKETS ? AlignmentClassifier.compared(v) : v;
            idOf[i] = id(b);
            if (idOf[i] == distinct.size()) {
                distinct.add(b);
            }
            if (b == v) {
                given.put(v, idOf[i]);
            }
        }
        this.originals = distinct.size();
        this.originalBursts = distinct.toArray(new int[0][]);
        this.originalStats = distinct.stream().map(b -> new PruningStats(b, AlignmentClassifier.DEFAULT_GAP_CAP))
                .toArray(PruningStats[]::new);
        this.nearest = new AtomicReferenceArray<>(enabled ? MAX_BURSTS : 0);
        Map<String, int[]> positions = new HashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        for (int i = 0; i < idOf.length; i++) {
            String label = samples.get(i).label();
            int[] pos = positions.computeIfAbsent(label, l -> filled(originals));
            int id = idOf[i];
            if (id >= 0 && id < originals && pos[id] < 0) {
                pos[id] = sizes.merge(label, 1, Integer::sum) - 1;
            }
        }
        positions.forEach((label, pos) -> labelMatches.put(label, new LabelMatches(pos, sizes.get(label))));
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    /**
     * The matched packets ({@link SampleCleaner}) of the originals of one label with each other, for bursts
     * of at most 63 packets: one word per pair, bit 63 set once known; a row per burst, allocated on first use.
     */
    final class LabelMatches {
        private final int[] pos;
        private final int size;
        private final AtomicReferenceArray<AtomicLongArray> rows;

        private LabelMatches(int[] pos, int size) {
            this.pos = pos;
            this.size = size;
            this.rows = new AtomicReferenceArray<>(size);
        }

        /**
         * Which packets of original {@code a} an alignment with original {@code b} matches, as bits with bit
         * 63 set; 0 when not known yet ({@link #put}); -1 when the pair has no place here (then the caller
         * asks {@link #matches}).
         */
        long word(int a, int b) {
            if (a < 0 || b < 0 || a >= originals || b >= originals || pos[a] < 0 || pos[b] < 0) {
                return -1;
            }
            AtomicLongArray row = rows.get(pos[a]);
            if (row == null) {
                if (matchWords.addAndGet(size) > MAX_MATCH_WORDS) {
                    matchWords.addAndGet(-size);
                    return -1;
                }
                rows.compareAndSet(pos[a], null, new AtomicLongArray(size));
                row = rows.get(pos[a]);
            }
            return row.get(pos[b]);
        }

        /** Remembers the bits of a pair {@link #word} said was not known yet. */
        void put(int a, int b, long bits) {
            rows.get(pos[a]).set(pos[b], bits | Long.MIN_VALUE);
        }
    }

    private final Map<String, LabelMatches> labelMatches = new HashMap<>();
    private final AtomicLong matchWords = new AtomicLong();

    /** Most pairs of one label whose matched packets are kept in rows (8 bytes each, 128 MB). */
    static final long MAX_MATCH_WORDS = 16_000_000;

    /** The matched packets of the originals of {@code label}; null when none of the samples had it. */
    LabelMatches labelMatches(String label) {
        return labelMatches.get(label);
    }

    /** @return false for {@link #DISABLED} */
    public boolean enabled() {
        return enabled;
    }

    /** The id of a burst's content, the same for the same content; -1 when the cache holds too many. */
    int id(int[] burst) {
        Integer known = given.get(burst);
        if (known != null) {
            return known;
        }
        BurstContent key = new BurstContent(burst);
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        if (ids.size() >= MAX_BURSTS) {
            return -1;
        }
        int fresh = ids.computeIfAbsent(new BurstContent(burst.clone()), b -> nextId.getAndIncrement());
        return fresh < MAX_BURSTS ? fresh : -1;
    }

    /**
     * The distance between bursts {@code x} (id {@code a}) and {@code y} (id {@code b}), exact when it is
     * at most {@code bound}, else {@link AlignmentDistance#EXCEEDS}.
     */
    int distance(int a, int[] x, int b, int[] y, int bound) {
        if (a < 0 || b < 0) {
            return scratch.get().distance(x, y, bound);
        }
        if (a == b) {
            return 0;
        }
        int hi = Math.max(a, b);
        int lo = Math.min(a, b);
        int[] row = row(hi);
        int known = row == null ? ABSENT : row[lo];
        if (known != ABSENT) {
            if (known >= 0) {
                return known <= bound ? known : AlignmentDistance.EXCEEDS;
            }
            if (-(long) known - 1 >= bound) {
                return AlignmentDistance.EXCEEDS; // known to exceed a bound at least this one
            }
        }
        int d = scratch.get().distance(x, y, bound);
        if (row != null) {
            row[lo] = d == AlignmentDistance.EXCEEDS ? -bound - 1 : d;
        }
        return d;
    }

    /**
     * Which packets of burst {@code a} an alignment with burst {@code b} matches ({@link SampleCleaner}),
     * computed by {@code compute} once per pair; null when either id is -1 (then the caller computes).
     */
    long[] matches(int a, int b, Supplier<long[]> compute) {
        if (a < 0 || b < 0) {
            return null;
        }
        // (a, b) times an odd constant: one key per pair, and hashes spread (a ^ b alone collides)
        Long key = (((long) a << 32) | b) * 0x9E3779B97F4A7C15L;
        long[] known = matches.get(key);
        if (known != null) {
            return known;
        }
        long[] bits = compute.get();
        if (matches.size() < MAX_MATCHES) {
            matches.putIfAbsent(key, bits);
        }
        return bits;
    }

    /** Ids below this are the distinct bursts of the samples given at construction. */
    int originals() {
        return originals;
    }

    /**
     * A burst's nearest among the samples' distinct bursts, by normalised distance (the distance over
     * the sum of both bursts' gap costs, as {@link AlignmentClassifier} ranks): at least {@link #NEAREST}
     * of them and every one tied with the last.
     *
     * @param ids original ids, nearest first
     * @param dist normalised distances, ascending
     * @param bytes the distances in bytes
     * @param complete every original other than the burst itself whose normalised distance is at most
     *     this is listed (infinity: every one is)
     */
    record Nearest(int[] ids, double[] dist, int[] bytes, double complete) {
        /** The position of original {@code id} in the list, -1 when it is not listed. */
        int indexOf(int id) {
            for (int e = 0; e < ids.length; e++) {
                if (ids[e] == id) {
                    return e;
                }
            }
            return -1;
        }
    }

    /** The nearest list of original id {@code q}, made on first use; null for an id that is no original. */
    Nearest nearest(int q) {
        return q < 0 || q >= originals ? null : nearest(q, originalBursts[q]);
    }

    /** The nearest list of the burst of id {@code q} (any, a cleaned one too), made on first use; null for id -1. */
    Nearest nearest(int q, int[] burst) {
        if (q < 0) {
            return null;
        }
        Nearest known = nearest.get(q);
        if (known == null) {
            known = nearestOf(q, burst);
            nearest.set(q, known); // a race computes the same list twice
        }
        return known;
    }

    private Nearest nearestOf(int q, int[] burst) {
        Ranking near = new Ranking(listed, null);
        int cap = AlignmentClassifier.DEFAULT_GAP_CAP;
        PruningStats sq = q < originals ? originalStats[q] : new PruningStats(burst, cap);
        for (int j = 0; j < originals; j++) {
            PruningStats sj = originalStats[j];
            if (j == q || Ranking.beyond(sq, sj, near.bound(), cap)) {
                continue;
            }
            long denom = sq.capBytes + sj.capBytes;
            int d = distance(q, burst, j, originalBursts[j], Ranking.byteBound(near.bound(), denom));
            if (d != AlignmentDistance.EXCEEDS) {
                near.add((double) d / denom, j, d);
            }
        }
        return new Nearest(near.indices(), near.distances(), near.byteDistances(),
                near.size() < listed ? Double.POSITIVE_INFINITY : near.bound());
    }

    /** The row of id {@code a}, allocated on first use; null once the cache is full. */
    private int[] row(int a) {
        int[] row = rows.get(a);
        if (row != null || entries.get() + a > MAX_ENTRIES) {
            return row;
        }
        int[] fresh = new int[a];
        Arrays.fill(fresh, ABSENT);
        if (rows.compareAndSet(a, null, fresh)) {
            entries.addAndGet(a);
            return fresh;
        }
        return rows.get(a);
    }

    /** Pairs the cache has room for in the rows allocated so far. */
    public long entries() {
        return entries.get();
    }
}
