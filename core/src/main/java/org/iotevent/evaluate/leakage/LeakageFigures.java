package org.iotevent.evaluate.leakage;

import java.util.List;

/**
 * What any attack on these bursts could learn about which of {@code labels} happened.
 *
 * @param labels the labels compared (each with at least two triggers), sorted
 * @param samples bursts carrying them
 * @param triggers triggers (groups of bursts) carrying them; a burst of the device's own traffic is a group of its own
 * @param entropyBits H(Y), the entropy of the labels' distribution in these samples: the most that can leak
 * @param bits mutual information between label and burst (kNN estimator), bits, in [0, entropyBits]
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
        double entropyBits,
        Estimate bits,
        double pluginBits,
        double chance,
        Estimate nnAccuracy,
        Estimate bestAccuracy) {
    public LeakageFigures {
        labels = List.copyOf(labels);
    }

    /** The share of the labels' entropy that leaks, in [0, 1]; NaN when the entropy is 0 or unknown. */
    public double share() {
        return entropyBits > 0 ? bits.value() / entropyBits : Double.NaN;
    }
}
