package org.iotevent.evaluate.leakage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.iotevent.signature.LabeledSample;
import org.iotevent.traffic.EventPairer;

/**
 * Measures how much a device's labelled bursts tell any eavesdropper: the mutual information
 * between the label (the event triggered, or {@code other} for the device's own traffic) and the
 * burst, and the highest accuracy any classifier could reach, over all labels, over the events
 * alone and for every two labels.
 *
 * <p>"Any eavesdropper" means any attack that sees what these samples hold: the bursts the
 * device's packets were cut into, each packet's direction and IP-layer length, in order. Packet
 * times enter only through how the bursts were cut. Figures that include {@code other} depend on
 * how much of the device's own traffic the capture holds (its share sets H(Y)); event-against-event
 * figures do not.
 *
 * <p>Intervals of the bits: percentile bootstrap over {@code bootstrap} resamples; each resample draws, per
 * label, as many triggers as the label has, with replacement (a burst of the device's own traffic is
 * a trigger of its own), so every label keeps its number of triggers, as the campaign fixed it;
 * the interval is widened to hold the estimate on the data where the resamples sit to one side.
 * Copies of one trigger are never each other's neighbours (see {@link KnnEstimator}). The interval
 * shows sampling variation, not the estimators' bias (stated there and in {@link BayesErrorBound}).
 * Intervals of the accuracies: Wilson's over the triggers (see {@link #wilson}).
 *
 * <p>Cost: one alignment per pair of distinct bursts (O(n m) each; bursts that repeat exactly are
 * aligned once), then O(samples x neighbours scanned) per resample and label set; the label sets
 * are measured one after another, each holding the distances among its own bursts. Above
 * {@code maxBursts} distinct bursts, or above {@value #MAX_PACKETS} packets in the distinct bursts
 * (long bursts, as shaping makes: the alignments cost about half the square of that number in
 * cells, 800 million at the cap, a few seconds), triggers are taken in a seeded random order until
 * the caps.
 */
public final class Leakage {
    /** Neighbours of the kNN estimator (Kraskov's and Ross's usual choice). */
    public static final int DEFAULT_K = 3;
    /** Bootstrap resamples. */
    public static final int DEFAULT_BOOTSTRAP = 200;
    /** Most distinct bursts compared pairwise (2 000: 2 million alignments, 32 MB). */
    public static final int DEFAULT_MAX_BURSTS = 2000;
    /** Most packets in the distinct bursts compared. */
    public static final int MAX_PACKETS = 40_000;

    private final int k;
    private final int bootstrap;
    private final int maxBursts;
    private final long seed;

    /** The defaults, with the resamples seeded by {@code seed}. */
    public Leakage(long seed) {
        this(DEFAULT_K, DEFAULT_BOOTSTRAP, DEFAULT_MAX_BURSTS, seed);
    }

    /**
     * @param k neighbours of the kNN estimator, {@code >= 1}
     * @param bootstrap resamples behind each interval, {@code >= 1}
     * @param maxBursts most distinct bursts compared, {@code >= 2}
     * @param seed seed of the resamples and of the subsample
     */
    public Leakage(int k, int bootstrap, int maxBursts, long seed) {
        if (k < 1 || bootstrap < 1 || maxBursts < 2) {
            throw new IllegalArgumentException("need k >= 1, bootstrap >= 1 and maxBursts >= 2, found " + k + ", "
                    + bootstrap + ", " + maxBursts);
        }
        this.k = k;
        this.bootstrap = bootstrap;
        this.maxBursts = maxBursts;
        this.seed = seed;
    }

    /**
     * Measures the samples.
     *
     * @param samples labelled bursts with their triggers
     * @return the figures; {@link LeakageResult#all()} is null when fewer than two labels have two triggers
     */
    public LeakageResult measure(List<LabeledSample> samples) {
        if (samples.isEmpty()) {
            return new LeakageResult(null, null, List.of(), List.of(), 0, 0, k, bootstrap, seed);
        }
        List<LabeledSample> used = subsample(samples);
        BurstSpace root = BurstSpace.of(used);
        Map<String, Integer> triggers = new HashMap<>();
        for (int g = 0; g < root.groups(); g++) {
            triggers.merge(root.labels[root.groupLabel[g]], 1, Integer::sum);
        }
        TreeSet<String> kept = new TreeSet<>();
        List<String> dropped = new ArrayList<>();
        for (String l : root.labels) {
            (triggers.get(l) >= 2 ? kept : dropped).add(l);
        }
        // label sets measured: all, the events alone, every pair; one at a time, since each holds
        // the distances among its bursts
        List<Set<String>> sets = new ArrayList<>();
        int eventsAlone = -1;
        if (kept.size() >= 2) {
            sets.add(kept);
            TreeSet<String> events = new TreeSet<>(kept);
            if (events.remove(EventPairer.OTHER) && events.size() >= 2) {
                eventsAlone = sets.size();
                sets.add(events);
            }
            List<String> l = new ArrayList<>(kept);
            for (int i = 0; i < l.size(); i++) {
                for (int j = i + 1; j < l.size(); j++) {
                    sets.add(Set.of(l.get(i), l.get(j)));
                }
            }
        }
        // the same resamples of triggers for every label set
        int[] ones = new int[root.groups()];
        Arrays.fill(ones, 1);
        List<int[]> resamples = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (int b = 0; b < bootstrap && !sets.isEmpty(); b++) {
            resamples.add(resample(root, random));
        }
        LeakageFigures all = null;
        LeakageFigures events = null;
        List<LeakageResult.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            BurstSpace s = i == 0 && dropped.isEmpty() ? root : root.restrict(sets.get(i));
            List<KnnEstimator.Pass> boot = new ArrayList<>();
            for (int[] w : resamples) {
                boot.add(KnnEstimator.run(s, weights(s, w), k));
            }
            LeakageFigures f = figures(s, KnnEstimator.run(s, weights(s, ones), k), boot);
            if (i == 0) {
                all = f;
            } else if (i == eventsAlone) {
                events = f;
            } else {
                pairs.add(new LeakageResult.Pair(f.labels().get(0), f.labels().get(1), f));
            }
        }
        if (all != null && events == null && !kept.contains(EventPairer.OTHER)) {
            events = all;
        }
        return new LeakageResult(all, events, pairs, dropped, used.size(), samples.size(), k, bootstrap, seed);
    }

    private LeakageFigures figures(BurstSpace s, KnnEstimator.Pass data, List<KnnEstimator.Pass> boot) {
        int m = s.labels.length;
        double[] bits = boot.stream().mapToDouble(KnnEstimator.Pass::knnBits).toArray();
        double chance = data.majorityShare();
        Estimate nn = wilson(1 - data.nnError(), s.groups());
        Estimate bound = new Estimate(bestAccuracy(nn.value(), m, chance), bestAccuracy(nn.low(), m, chance),
                bestAccuracy(nn.high(), m, chance));
        Estimate knn = estimate(data.knnBits(), bits);
        double floor = fanoFloor(data.entropyBits(), m, 1 - nn.low());
        int fewest = fewestTriggers(s);
        Estimate reported = floored(knn, floor);
        boolean few = fewest < LeakageFigures.FEW_TRIGGERS && 2 * s.bursts() > s.samples();
        if (few && !Double.isNaN(reported.high())) {
            // bursts that rarely repeat, few triggers: the estimate and its bootstrap read low (the distance
            // saturates at the gap cap, neighbours tie), and the 1-NN error behind any bound reads high:
            // nothing measured excludes that everything leaks. Where bursts repeat the estimate is the
            // discrete one, which does not saturate.
            reported = new Estimate(reported.value(), reported.low(), data.entropyBits());
        }
        return new LeakageFigures(List.of(s.labels), s.samples(), s.groups(), fewest, few, data.entropyBits(), reported,
                knn.value(), floor, data.pluginBits(), chance, nn, bound);
    }

    /**
     * Fano's inequality read backwards: any rule that names the label with error Pe leaves at most
     * h(Pe) + Pe log2(M - 1) bits unknown, so I(X;Y) >= H(Y) - h(Pe) - Pe log2(M - 1). It holds for
     * the true error of any classifier, here the 1-NN rule's; {@code errorHigh} is the upper end of
     * its 95 % interval, so the floor understates with at most 2.5 % probability. 0 when the error
     * may be that of guessing; NaN when unknown.
     */
    static double fanoFloor(double entropyBits, int classes, double errorHigh) {
        if (Double.isNaN(entropyBits) || Double.isNaN(errorHigh) || classes < 2) {
            return Double.NaN;
        }
        // h(Pe) + Pe log2(M-1) grows with Pe up to (M-1)/M, where it reaches log2 M >= H(Y)
        double pe = Math.max(0, Math.min(errorHigh, (classes - 1.0) / classes));
        double unknown = binaryEntropyBits(pe) + pe * Math.log(classes - 1.0) / Math.log(2);
        return Math.max(0, entropyBits - unknown);
    }

    private static double binaryEntropyBits(double p) {
        return p <= 0 || p >= 1 ? 0 : -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
    }

    /** The kNN estimate and its interval raised to the floor where they lie below it. */
    private static Estimate floored(Estimate knn, double floor) {
        if (Double.isNaN(floor) || Double.isNaN(knn.value())) {
            return knn;
        }
        return new Estimate(Math.max(knn.value(), floor), Double.isNaN(knn.low()) ? knn.low() : Math.max(knn.low(), floor),
                Double.isNaN(knn.high()) ? knn.high() : Math.max(knn.high(), floor));
    }

    /** The fewest triggers any label of the space has. */
    private static int fewestTriggers(BurstSpace s) {
        int[] t = new int[s.labels.length];
        for (int g = 0; g < s.groups(); g++) {
            t[s.groupLabel[g]]++;
        }
        return Arrays.stream(t).min().orElse(0);
    }

    /** Cover-Hart's accuracy bound from a 1-NN accuracy, at least the chance of guessing the commonest label. */
    private static double bestAccuracy(double nnAccuracy, int classes, double chance) {
        return Double.isNaN(nnAccuracy) ? Double.NaN
                : Math.max(chance, BayesErrorBound.bestAccuracy(Math.max(0, Math.min(1, 1 - nnAccuracy)), classes));
    }

    /**
     * An accuracy with Wilson's 95 % score interval over {@code n} trials. Bootstrap resamples hold
     * about 63 % distinct triggers, so their nearest neighbours lie farther and their 1-NN accuracy
     * reads low: the resampled distribution does not sit around the estimate. n counts triggers, not
     * bursts, since the bursts of one trigger are not independent trials.
     */
    static Estimate wilson(double accuracy, int n) {
        if (Double.isNaN(accuracy) || n < 1) {
            return new Estimate(accuracy, Double.NaN, Double.NaN);
        }
        double z = 1.959963984540054;
        double z2n = z * z / n;
        double centre = (accuracy + z2n / 2) / (1 + z2n);
        double half = z * Math.sqrt(accuracy * (1 - accuracy) / n + z2n / (4.0 * n)) / (1 + z2n);
        return new Estimate(accuracy, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** The root's group weights as the weights of {@code s}'s groups. */
    private static int[] weights(BurstSpace s, int[] rootWeights) {
        int[] w = new int[s.groups()];
        for (int g = 0; g < w.length; g++) {
            w[g] = rootWeights[s.parentGroup[g]];
        }
        return w;
    }

    /** Per label, as many of its triggers as it has, drawn with replacement: a weight per trigger. */
    private static int[] resample(BurstSpace root, SplittableRandom random) {
        List<List<Integer>> byLabel = new ArrayList<>();
        for (int l = 0; l < root.labels.length; l++) {
            byLabel.add(new ArrayList<>());
        }
        for (int g = 0; g < root.groups(); g++) {
            byLabel.get(root.groupLabel[g]).add(g);
        }
        int[] w = new int[root.groups()];
        for (List<Integer> groups : byLabel) {
            for (int i = 0; i < groups.size(); i++) {
                w[groups.get(random.nextInt(groups.size()))]++;
            }
        }
        return w;
    }

    /**
     * The value and the 2.5th and 97.5th percentiles of the bootstrap values that are numbers,
     * widened to hold the value itself: near 0 or near all the bits, where estimates are clamped,
     * the resampled estimates can sit to one side of the estimate on the data.
     */
    static Estimate estimate(double value, double[] boot) {
        double[] v = Arrays.stream(boot).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0 || Double.isNaN(value)) {
            return new Estimate(value, Double.NaN, Double.NaN);
        }
        return new Estimate(value, Math.min(value, percentile(v, 0.025)), Math.max(value, percentile(v, 0.975)));
    }

    private static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The samples of triggers in a seeded random order until the distinct bursts reach a cap. */
    private List<LabeledSample> subsample(List<LabeledSample> samples) {
        Set<List<Integer>> distinct = new HashSet<>();
        samples.forEach(s -> distinct.add(asList(s.signedLengths())));
        if (distinct.size() <= maxBursts && packets(distinct) <= MAX_PACKETS) {
            return samples;
        }
        Map<Object, List<LabeledSample>> groups = new LinkedHashMap<>();
        for (LabeledSample s : samples) {
            // a sample of its own group gets a key no trigger can share
            Object key = s.trigger() == LabeledSample.OWN_GROUP ? new Object() : Long.valueOf(s.trigger());
            groups.computeIfAbsent(key, x -> new ArrayList<>()).add(s);
        }
        List<List<LabeledSample>> order = new ArrayList<>(groups.values());
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            List<LabeledSample> t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        distinct.clear();
        long packets = 0;
        List<LabeledSample> out = new ArrayList<>();
        for (List<LabeledSample> g : order) {
            Set<List<Integer>> fresh = new HashSet<>();
            g.forEach(s -> fresh.add(asList(s.signedLengths())));
            fresh.removeAll(distinct);
            long more = packets(fresh);
            if (!out.isEmpty() && (distinct.size() + fresh.size() > maxBursts || packets + more > MAX_PACKETS)) {
                break;
            }
            distinct.addAll(fresh);
            packets += more;
            out.addAll(g);
        }
        return out;
    }

    private static long packets(Set<List<Integer>> bursts) {
        return bursts.stream().mapToLong(List::size).sum();
    }

    private static List<Integer> asList(int[] v) {
        return Arrays.stream(v).boxed().toList();
    }
}
