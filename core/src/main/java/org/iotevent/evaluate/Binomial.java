package org.iotevent.evaluate;

/**
 * Exact small-sample statistics of a binomial count: tail probabilities, the Clopper-Pearson
 * interval (the exact interval: it inverts the two one-sided binomial tests, so it covers the true
 * rate at least 95 % of the time whatever the count), the one-sided exact p-value against a chance
 * rate, and the Wilson interval for quick estimates.
 */
public final class Binomial {
    /** Each tail of a 95 % two-sided interval. */
    static final double TAIL = 0.025;

    private Binomial() {}

    /** P(X >= x) for X ~ Binomial(n, p). */
    public static double atLeast(int x, int n, double p) {
        check(x, n, p);
        if (x <= 0) {
            return 1;
        }
        if (p == 0) {
            return 0;
        }
        if (p == 1) {
            return 1;
        }
        double sum = 0;
        for (int k = x; k <= n; k++) {
            sum += Math.exp(logPmf(k, n, p));
        }
        return Math.min(1, sum);
    }

    /** P(X <= x) for X ~ Binomial(n, p). */
    public static double atMost(int x, int n, double p) {
        check(x, n, p);
        return x >= n ? 1 : 1 - atLeast(x + 1, n, p);
    }

    /**
     * The exact one-sided p-value of {@code x} right of {@code n} against chance {@code p}: the
     * probability of {@code x} or more right when every reading is right with probability {@code p}.
     */
    public static double pValue(int x, int n, double p) {
        return atLeast(x, n, p);
    }

    /** The Clopper-Pearson 95 % interval on the rate behind {@code x} of {@code n}; [0, 1] when n = 0. */
    public static double[] clopperPearson(int x, int n) {
        return clopperPearson(x, n, TAIL);
    }

    /** The Clopper-Pearson interval leaving {@code tail} on each side (0.025 for 95 %). */
    public static double[] clopperPearson(int x, int n, double tail) {
        check(x, n, 0.5);
        if (n == 0) {
            return new double[] {0, 1};
        }
        // lower: the p where P(X >= x) = 2.5 %, which grows with p; upper: where P(X <= x) = 2.5 %, which falls
        double low = x == 0 ? 0 : solve(p -> atLeast(x, n, p) - tail);
        double high = x == n ? 1 : solve(p -> tail - atMost(x, n, p));
        return new double[] {low, high};
    }

    /** The Wilson 95 % score interval; [0, 1] when n = 0. */
    public static double[] wilson(int x, int n) {
        return wilson(x, n, 1.959963984540054);
    }

    /** The Wilson score interval for the normal quantile {@code z} (1.96 for 95 %). */
    public static double[] wilson(int x, int n, double z) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double p = (double) x / n;
        double d = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / d;
        double half = z / d * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        return new double[] {x == 0 ? 0 : Math.max(0, centre - half), x == n ? 1 : Math.min(1, centre + half)};
    }

    /**
     * Fisher's exact test, one-sided: the probability that {@code a} or more of the {@code n} units
     * of one class fall among the {@code k} units with some reading, when {@code k} of all
     * {@code total} units carry that reading regardless of their class (hypergeometric upper tail).
     */
    public static double fisherAtLeast(int a, int n, int k, int total) {
        if (n < 0 || k < 0 || n > total || k > total || a < 0) {
            throw new IllegalArgumentException("impossible 2x2 table: " + a + ", " + n + ", " + k + ", " + total);
        }
        int lowest = Math.max(0, n + k - total);
        int highest = Math.min(n, k);
        if (a <= lowest) {
            return 1;
        }
        double logAll = logChoose(total, n);
        double sum = 0;
        for (int x = a; x <= highest; x++) {
            sum += Math.exp(logChoose(k, x) + logChoose(total - k, n - x) - logAll);
        }
        return Math.min(1, sum);
    }

    private static double logChoose(int n, int k) {
        return logGamma(n + 1.0) - logGamma(k + 1.0) - logGamma(n - k + 1.0);
    }

    /** The root in [0, 1] of an increasing function, by bisection to double precision. */
    private static double solve(java.util.function.DoubleUnaryOperator increasing) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 200 && hi - lo > 1e-15; i++) {
            double mid = (lo + hi) / 2;
            if (increasing.applyAsDouble(mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static double logPmf(int k, int n, double p) {
        return logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
    }

    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};

    /** ln Gamma(x) for x >= 0.5 (Lanczos, g = 7): about 15 significant digits. */
    static double logGamma(double x) {
        double z = x - 1;
        double a = LANCZOS[0];
        double t = z + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            a += LANCZOS[i] / (z + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
    }

    private static void check(int x, int n, double p) {
        if (n < 0 || x < 0 || x > n + 1 || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("impossible binomial: " + x + " of " + n + " at p = " + p);
        }
    }
}
