package org.iotevent.signature;

import java.util.Arrays;

/**
 * The k nearest candidates so far, by distance then index (so the order they come in does not matter),
 * each counted with its weight, every one tied with the k-th kept: what {@link AlignmentClassifier}'s
 * search keeps of the training bursts and {@link BurstDistances} of the samples for a burst's list.
 */
class Ranking {
    private final int k;
    /** Per index, how many samples it stands for; null: one each. */
    private final int[] weights;
    private double[] dist = new double[8];
    private int[] bytes = new int[8];
    private int[] index = new int[8];
    private int size;
    private double kth = Double.POSITIVE_INFINITY;

    /**
     * @param k the candidates kept (with their weights), and every one tied with the k-th
     * @param weights per index, how many samples it stands for; null for one each
     */
    Ranking(int k, int[] weights) {
        this.k = k;
        this.weights = weights;
    }

    /**
     * Offers candidate {@code i} at normalised distance {@code d} ({@code rawBytes} in bytes); it is kept
     * while it can be among the k nearest.
     */
    void add(double d, int i, int rawBytes) {
        if (size == dist.length) {
            dist = Arrays.copyOf(dist, size * 2);
            index = Arrays.copyOf(index, size * 2);
            bytes = Arrays.copyOf(bytes, size * 2);
        }
        int pos = size++;
        // ties in index order, so the order the candidates come in does not matter
        while (pos > 0 && (dist[pos - 1] > d || (dist[pos - 1] == d && index[pos - 1] > i))) {
            dist[pos] = dist[pos - 1];
            index[pos] = index[pos - 1];
            bytes[pos] = bytes[pos - 1];
            pos--;
        }
        dist[pos] = d;
        index[pos] = i;
        bytes[pos] = rawBytes;
        // Drop entries beyond the k-th distance: they can no longer count.
        kth = bound(k);
        while (size > 0 && dist[size - 1] > kth) {
            size--;
        }
    }

    /** The k-th smallest distance so far (with the weights), or infinity. */
    double bound() {
        return kth;
    }

    /** The {@code kv}-th smallest distance so far (with the weights), or infinity; {@code kv <= k}. */
    double bound(int kv) {
        int seen = 0;
        for (int j = 0; j < size; j++) {
            seen += weights == null ? 1 : weights[index[j]];
            if (seen >= kv) {
                return dist[j];
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Candidates kept. */
    int size() {
        return size;
    }

    /** The j-th nearest kept: its normalised distance. */
    double dist(int j) {
        return dist[j];
    }

    /** The j-th nearest kept: its index. */
    int index(int j) {
        return index[j];
    }

    /** The j-th nearest kept: its distance in bytes. */
    int bytes(int j) {
        return bytes[j];
    }

    /** The indices kept, nearest first. */
    int[] indices() {
        return Arrays.copyOf(index, size);
    }

    /** The normalised distances kept, ascending. */
    double[] distances() {
        return Arrays.copyOf(dist, size);
    }

    /** The distances kept in bytes, nearest first. */
    int[] byteDistances() {
        return Arrays.copyOf(bytes, size);
    }

    /**
     * A candidate of gap costs {@code s} lies farther than normalised distance {@code b} from a query of
     * {@code q} by their lower bound alone (no alignment needed).
     */
    static boolean beyond(PruningStats q, PruningStats s, double b, int gapCap) {
        return b < 1 && q.lowerBound(s, gapCap) > b * (q.capBytes + s.capBytes) + 1e-9;
    }

    /** The bound in bytes of an alignment that can still count against normalised distance {@code b}. */
    static int byteBound(double b, long denom) {
        return b >= 1 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE - 1, Math.floor(b * denom + 1e-9));
    }
}
