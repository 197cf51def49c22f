package org.iotevent.evaluate.leakage;

import java.util.Arrays;

/**
 * One pass of the estimators over a {@link BurstSpace} with a weight (multiplicity) per trigger
 * group: 1 for every group on the data itself, the counts of a bootstrap resample otherwise.
 *
 * <p>Every estimate leaves a whole trigger out: a sample's neighbours are the samples of other
 * triggers (copies of its own trigger in a resample are never its neighbours, so resampling does
 * not create exact matches that the data does not have).
 *
 * <ul>
 *   <li><b>kNN mutual information</b> (Ross 2014, "Mutual information between discrete and
 *       continuous data sets", with ties counted as in Gao et al. 2017 for discrete-continuous
 *       mixtures): per sample, the radius d reaching its k-th nearest neighbour of the same label
 *       (all neighbours at exactly d included), k' the same-label and m the all-label neighbours
 *       within d, and {@code I = mean(psi(N) - psi(N_y) + psi(k') - psi(m))}. Where the radius is 0
 *       (the burst repeats exactly, an atom of the distribution) the sample itself joins both
 *       counts, {@code psi(k' + 1) - psi(m + 1)}: Grassberger's (1988) estimate of log p(y|x) from
 *       counts, the estimator then being the discrete one; on bursts that vary it is the kNN
 *       estimate. Bias: small where samples are many per label; towards 0
 *       when the information is large and the samples few (it cannot exceed about
 *       {@code psi(N) - psi(N_y)}), and a label needs two triggers to be counted at all.</li>
 *   <li><b>Leave-one-trigger-out 1-NN error</b>, ties at the nearest distance broken uniformly at
 *       random (its expectation is taken, so the result is deterministic).</li>
 *   <li><b>Plug-in mutual information over exact burst identity</b> with the Miller-Madow
 *       correction: exact when every burst repeats, biased upwards (towards H(Y)) when many bursts
 *       occur once, since a burst seen once names its label perfectly.</li>
 * </ul>
 * Mutual information estimates are clamped to [0, H(Y)], H(Y) the plug-in entropy of the labels.
 */
final class KnnEstimator {
    private static final double LN2 = Math.log(2);
    private static final double EULER_GAMMA = 0.5772156649015329;

    /**
     * The estimates of one pass.
     *
     * @param knnBits kNN mutual information, bits, NaN when no sample had a same-label neighbour
     * @param pluginBits plug-in mutual information over exact bursts, bits
     * @param entropyBits H(Y), bits
     * @param nnError leave-one-trigger-out 1-NN error in [0, 1], NaN when no sample had a neighbour
     * @param majorityShare the commonest label's share: the accuracy of guessing it every time
     */
    record Pass(double knnBits, double pluginBits, double entropyBits, double nnError, double majorityShare) {}

    private KnnEstimator() {}

    static Pass run(BurstSpace s, int[] groupWeight, int k) {
        int labels = s.labels.length;
        int u = s.bursts();
        int[] w = new int[u * labels]; // w[v * labels + y]: weight of burst v with label y
        int[] wAll = new int[u];
        long[] classW = new long[labels];
        long total = 0;
        for (int i = 0; i < s.samples(); i++) {
            int g = groupWeight[s.group[i]];
            w[s.burst[i] * labels + s.label[i]] += g;
            wAll[s.burst[i]] += g;
            classW[s.label[i]] += g;
            total += g;
        }
        if (total == 0) {
            return new Pass(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double hy = entropyNats(classW, total);
        double plugin = plugin(w, wAll, classW, total, hy);
        double[] psi = digammaTable(total + 2);
        long[] ownClass = new long[labels];
        double miSum = 0;
        long miWeight = 0;
        double errSum = 0;
        long errWeight = 0;
        for (int g = 0; g < s.groups(); g++) {
            int wg = groupWeight[g];
            if (wg == 0) {
                continue;
            }
            long ownTotal = 0;
            for (int j : s.members[g]) {
                w[s.burst[j] * labels + s.label[j]] -= wg;
                wAll[s.burst[j]] -= wg;
                ownClass[s.label[j]] += wg;
                ownTotal += wg;
            }
            long allAvail = total - ownTotal;
            for (int j : s.members[g]) {
                int y = s.label[j];
                int[] ord = s.order[s.burst[j]];
                float[] du = s.dist[s.burst[j]];
                long sameAvail = classW[y] - ownClass[y];
                if (allAvail > 0) {
                    errSum += wg * nearestError(ord, du, w, labels, wAll, y);
                    errWeight += wg;
                }
                if (sameAvail > 0) {
                    long kk = Math.min(k, sameAvail);
                    long same = 0;
                    long all = 0;
                    int p = 0;
                    float d = 0;
                    while (p < ord.length) {
                        int v = ord[p++];
                        same += w[v * labels + y];
                        all += wAll[v];
                        if (same >= kk) {
                            d = du[v];
                            while (p < ord.length && du[ord[p]] == d) {
                                same += w[ord[p] * labels + y];
                                all += wAll[ord[p]];
                                p++;
                            }
                            break;
                        }
                    }
                    // An exact repeat (radius 0) is an atom: Grassberger's psi of its counts, the sample itself included.
                    int self = d == 0 ? 1 : 0;
                    miSum += wg * (psi[(int) (allAvail + 1)] - psi[(int) (sameAvail + 1)] + psi[(int) same + self]
                            - psi[(int) all + self]);
                    miWeight += wg;
                }
            }
            for (int j : s.members[g]) {
                w[s.burst[j] * labels + s.label[j]] += wg;
                wAll[s.burst[j]] += wg;
                ownClass[s.label[j]] -= wg;
            }
        }
        double knn = miWeight == 0 ? Double.NaN : clamp(miSum / miWeight, hy) / LN2;
        return new Pass(knn, plugin / LN2, hy / LN2, errWeight == 0 ? Double.NaN : errSum / errWeight,
                (double) Arrays.stream(classW).max().orElse(0) / total);
    }

    /** Expected error of the nearest neighbour with ties at the nearest distance drawn uniformly. */
    private static double nearestError(int[] ord, float[] du, int[] w, int labels, int[] wAll, int y) {
        int p = 0;
        while (wAll[ord[p]] == 0) {
            p++;
        }
        float d = du[ord[p]];
        long same = 0;
        long all = 0;
        while (p < ord.length && du[ord[p]] == d) {
            same += w[ord[p] * labels + y];
            all += wAll[ord[p]];
            p++;
        }
        return 1 - (double) same / all;
    }

    /** I(X;Y) in nats with X the exact burst, Miller-Madow corrected, clamped to [0, H(Y)]. */
    private static double plugin(int[] w, int[] wAll, long[] classW, long total, double hy) {
        long[] cells = new long[w.length];
        for (int c = 0; c < w.length; c++) {
            cells[c] = w[c];
        }
        long[] bursts = new long[wAll.length];
        for (int i = 0; i < wAll.length; i++) {
            bursts[i] = wAll[i];
        }
        double mi = hy + entropyNats(bursts, total) - entropyNats(cells, total);
        // Miller-Madow: each entropy gains (bins - 1) / 2N
        mi += (nonZero(classW) - 1 + nonZero(bursts) - 1 - (nonZero(cells) - 1)) / (2.0 * total);
        return clamp(mi, hy);
    }

    private static double clamp(double mi, double hy) {
        return Math.max(0, Math.min(hy, mi));
    }

    private static double entropyNats(long[] counts, long total) {
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / total;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    private static int nonZero(long[] counts) {
        int n = 0;
        for (long c : counts) {
            n += c > 0 ? 1 : 0;
        }
        return n;
    }

    /** psi(0..n) at the integers (psi(0) unused): psi(1) = -gamma, psi(n + 1) = psi(n) + 1/n. */
    private static double[] digammaTable(long n) {
        double[] t = new double[(int) n + 1];
        t[0] = Double.NaN;
        if (n >= 1) {
            t[1] = -EULER_GAMMA;
        }
        for (int i = 2; i <= n; i++) {
            t[i] = t[i - 1] + 1.0 / (i - 1);
        }
        return t;
    }
}
