package org.iotevent.evaluate.leakage;

/**
 * Cover and Hart's bounds (1967) between the Bayes error R* (the error of the best possible
 * classifier) and the asymptotic nearest-neighbour error R of M classes:
 * {@code R* <= R <= R* (2 - M R* / (M - 1))}. Inverted, the nearest-neighbour error gives
 * {@code R* >= (M-1)/M * (1 - sqrt(1 - M/(M-1) * R))}, so no classifier's accuracy exceeds
 * {@code 1 - that}. For two classes the lower bound is exact when the 1-NN error is that of
 * features carrying no information (both equal {@code min(p, 1-p)}).
 *
 * <p>The bounds hold for the asymptotic error. A leave-one-out error measured on few samples is
 * usually above it (nearest neighbours are farther than they would be with more data), which makes
 * the accuracy bound computed from it lower than the asymptotic one: with small samples the bound
 * can understate what a better attack would reach; its bootstrap interval shows by how much the
 * estimate moves.
 */
public final class BayesErrorBound {
    private BayesErrorBound() {}

    /**
     * The lower bound of the Bayes error.
     *
     * @param nnError the nearest-neighbour error, in [0, 1]
     * @param classes M, the number of classes, {@code >= 2}
     * @return the Cover-Hart lower bound of R*, in [0, (M-1)/M]
     */
    public static double bayesErrorLowerBound(double nnError, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("the bound needs at least 2 classes, found " + classes);
        }
        if (!(nnError >= 0 && nnError <= 1)) {
            throw new IllegalArgumentException("nearest-neighbour error must lie in [0, 1], found " + nnError);
        }
        double m = classes;
        double chance = (m - 1) / m;
        // An error beyond (M-1)/M is sampling noise around features that tell nothing.
        double r = Math.min(nnError, chance);
        return chance * (1 - Math.sqrt(Math.max(0, 1 - r / chance)));
    }

    /**
     * The highest accuracy any classifier could reach: {@code 1 - bayesErrorLowerBound}.
     *
     * @param nnError the nearest-neighbour error, in [0, 1]
     * @param classes M, {@code >= 2}
     * @return the bound, in [1/M, 1]
     */
    public static double bestAccuracy(double nnError, int classes) {
        return 1 - bayesErrorLowerBound(nnError, classes);
    }
}
