package org.iotevent.report;

import org.iotevent.evaluate.leakage.Estimate;

/**
 * What any eavesdropper could learn of a device, as {@code evaluate --json} gives it.
 *
 * @param bits bits leaked about the label (events and the device's own traffic), with the 95 % interval
 * @param entropyBits the labels' entropy: the most that can leak
 * @param bestAccuracy the bound on any classifier's accuracy, in [0, 1]; NaN when unknown
 * @param eventBits the bits between the events alone, or null when not measured
 * @param eventEntropyBits the events' entropy; NaN with {@code eventBits} null
 */
public record LeakageView(Estimate bits, double entropyBits, double bestAccuracy, Estimate eventBits,
        double eventEntropyBits) {
    public LeakageView {
        if (bits == null || !(entropyBits >= 0) || !(bits.value() >= 0 && bits.value() <= entropyBits + 1e-9)) {
            throw new IllegalArgumentException("bits leaked must lie in [0, entropy], found " + (bits == null ? null
                    : bits.value()) + " of " + entropyBits);
        }
        if (!Double.isNaN(bestAccuracy) && (bestAccuracy < 0 || bestAccuracy > 1)) {
            throw new IllegalArgumentException("best accuracy bound must lie in [0, 1], found " + bestAccuracy);
        }
    }
}
