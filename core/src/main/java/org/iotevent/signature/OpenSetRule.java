package org.iotevent.signature;

/**
 * How the open-set threshold is calibrated from the training data: the {@code quantile} of
 * the leave-one-out nearest-neighbour distances (how far a new burst of a known event
 * typically lies from the training samples), times a safety {@code margin}, and never
 * below {@code floor}, a tolerance for jitter when the training data is too small to show
 * any. Distances are normalised alignment distances (see {@link AlignmentClassifier}).
 *
 * <p>The default (0.95, 2.0, 0.20) was chosen by measurement on the paper authors'
 * published sequences (docs/better.md): it keeps held-out accuracy within a point of
 * the closed-set classifier and rejects every burst of the other devices there.
 *
 * @param quantile in [0, 1]
 * @param margin &gt;= 1
 * @param floor in [0, 1]
 */
public record OpenSetRule(double quantile, double margin, double floor) {

    /** The measured default. */
    public static final OpenSetRule DEFAULT = new OpenSetRule(0.95, 2.0, 0.20);

    /** No rejection: every burst gets its nearest label. */
    public static final OpenSetRule CLOSED = new OpenSetRule(1.0, 1.0, 1.0);

    public OpenSetRule {
        if (!(quantile >= 0 && quantile <= 1) || !(margin >= 1 && margin <= 1000) || !(floor >= 0 && floor <= 1)) {
            throw new IllegalArgumentException("open-set rule needs quantile and floor in [0, 1] and margin >= 1, found "
                    + quantile + ", " + margin + ", " + floor);
        }
    }

    /**
     * The threshold for these leave-one-out distances.
     *
     * @param leaveOneOut ascending normalised distances, possibly empty
     * @return the threshold in [floor, 1]
     */
    public double threshold(double[] leaveOneOut) {
        if (leaveOneOut.length == 0) {
            return floor;
        }
        int at = (int) Math.floor(quantile * (leaveOneOut.length - 1));
        return Math.min(1.0, Math.max(floor, leaveOneOut[at] * margin));
    }
}
