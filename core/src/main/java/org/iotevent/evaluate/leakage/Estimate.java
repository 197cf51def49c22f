package org.iotevent.evaluate.leakage;

/**
 * A figure measured on the data with its 95 % bootstrap interval.
 *
 * @param value the estimate on the data itself; NaN when it cannot be measured
 * @param low the 2.5th percentile of the bootstrap estimates; NaN when none could be measured
 * @param high the 97.5th percentile
 */
public record Estimate(double value, double low, double high) {
    public Estimate {
        if (low > high) {
            throw new IllegalArgumentException("interval [" + low + ", " + high + "] is reversed");
        }
    }
}
