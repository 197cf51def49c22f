package org.iotevent.evaluate.leakage;

import java.util.List;

/**
 * What any attack on these bursts could learn about which of {@code labels} happened.
 *
 * @param labels the labels compared (each with at least two triggers), sorted
 * @param samples bursts carrying them
 * @param triggers triggers (groups of bursts) carrying them; a burst of the device's own traffic is a group of its own
 * @param fewestTriggers the triggers of the label that has fewest
 * @param fewTriggers a label has fewer than {@link #FEW_TRIGGERS} triggers and bursts rarely repeat (fewer than
 *     two samples a distinct burst): the kNN estimate may read far low, so the interval of {@code bits} reaches
 *     {@code entropyBits}
 * @param entropyBits H(Y), the entropy of the labels' distribution in these samples: the most that can leak
 * @param bits mutual information between label and burst, bits, in [0, entropyBits]: the kNN estimate and its
 *     bootstrap interval, each raised to {@code fanoFloorBits} where below it
 * @param knnBits the kNN estimate alone (biased towards 0 when much leaks from few triggers)
 * @param fanoFloorBits the floor from Fano's inequality at the upper end of the 1-NN error's 95 % interval: what
 *     leaks at least, with 97.5 % confidence; NaN when unknown
 * @param pluginBits mutual information over exact burst identity (plug-in, Miller-Madow), bits:
 *     exact when bursts repeat, too high when many occur once
 * @param chance the commonest label's share: what guessing it every time scores
 * @param nnAccuracy accuracy of the 1-nearest-neighbour attack over the alignment distance, each trigger
 *     left out in turn; its interval is Wilson's over the triggers
 * @param bestAccuracy the highest accuracy any classifier could reach: Cover-Hart's bound from the 1-NN
 *     error, and never below {@code chance} (the best classifier does at least as well as guessing);
 *     its interval is the 1-NN interval carried through the bound
 */
public record LeakageFigures(
        List<String> labels,
        int samples,
        int triggers,
        int fewestTriggers,
        boolean fewTriggers,
        double entropyBits,
        Estimate bits,
        double knnBits,
        double fanoFloorBits,
        double pluginBits,
        double chance,
        Estimate nnAccuracy,
        Estimate bestAccuracy) {
    /**
     * Triggers per label below which the kNN estimate reads low when much leaks: measured with
     * {@code bench/leakage-bias.sh} (docs/leakage.md).
     */
    public static final int FEW_TRIGGERS = 40;

    public LeakageFigures {
        labels = List.copyOf(labels);
    }

    /** The share of the labels' entropy that leaks, in [0, 1]; NaN when the entropy is 0 or unknown. */
    public double share() {
        return entropyBits > 0 ? bits.value() / entropyBits : Double.NaN;
    }
}
