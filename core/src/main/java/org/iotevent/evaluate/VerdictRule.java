package org.iotevent.evaluate;

import java.util.List;
import org.iotevent.signature.Separation;
import org.iotevent.signature.Verdict;

/**
 * The verdict on an accuracy against its chance level, from its 95 % interval [lo, hi]:
 * {@code distinguishable} when lo &gt; chance; {@code indistinguishable} when the whole interval
 * lies within {@value #MARGIN} (15 points) of chance, chance - 0.15 &lt;= lo and hi &lt;= chance +
 * 0.15; else {@code undecided}, with about how many more triggers at the observed rates would
 * decide (from Wilson intervals, searched up to {@value #SEARCH_LIMIT} triggers).
 *
 * <p>Two kinds of accuracy. {@link #judge}: one proportion, x right of n, with the exact
 * (Clopper-Pearson) interval and the exact binomial p-value against chance. {@link #judgePair}: a
 * balanced accuracy over two classes, the mean of their two shares read right, so that a class
 * with few triggers cannot hide behind a common one; chance is 1/2; the interval combines the two
 * classes' exact intervals at 97.5 % each (so both hold together at least 95 % of the time), and
 * the p-value is Fisher's exact test (one-sided) of the readings against the classes.
 */
public final class VerdictRule {
    /** How close to chance the whole interval must lie for {@code indistinguishable}. */
    public static final double MARGIN = 0.15;
    /** Largest number of units the search for "how many more" tries. */
    public static final int SEARCH_LIMIT = 100_000;

    private VerdictRule() {}

    /** Judges {@code right} of {@code units} against {@code chance}. */
    public static Separation judge(List<String> events, int right, int units, double chance) {
        double[] ci = Binomial.clopperPearson(right, units);
        Verdict v = units == 0 ? Verdict.UNDECIDED : verdict(ci[0], ci[1], chance);
        int more = v != Verdict.UNDECIDED ? 0 : units == 0 ? -1 : moreUnits(right, units, chance);
        return new Separation(events, right, units, units == 0 ? Double.NaN : (double) right / units, chance, ci[0], ci[1],
                Binomial.pValue(right, units, chance), v, more);
    }

    /** Each tail of the two classes' intervals in a pair: 97.5 % each, 95 % together. */
    static final double PAIR_TAIL = 0.0125;
    private static final double PAIR_Z = 2.241402727604945;

    /**
     * Judges two classes: {@code rightA} of {@code unitsA} triggers of the first read as it, and
     * {@code rightB} of {@code unitsB} of the second read as it.
     */
    public static Separation judgePair(List<String> events, int rightA, int unitsA, int rightB, int unitsB) {
        int right = rightA + rightB;
        int units = unitsA + unitsB;
        if (unitsA == 0 || unitsB == 0) {
            return new Separation(events, right, units, Double.NaN, 0.5, 0, 1, 1, Verdict.UNDECIDED, -1);
        }
        double[] a = Binomial.clopperPearson(rightA, unitsA, PAIR_TAIL);
        double[] b = Binomial.clopperPearson(rightB, unitsB, PAIR_TAIL);
        double low = (a[0] + b[0]) / 2;
        double high = (a[1] + b[1]) / 2;
        Verdict v = verdict(low, high, 0.5);
        int more = v != Verdict.UNDECIDED ? 0 : morePairUnits(rightA, unitsA, rightB, unitsB);
        // Fisher: the triggers read as the first class, against which class they are
        double p = Binomial.fisherAtLeast(rightA, unitsA, rightA + unitsB - rightB, units);
        double accuracy = ((double) rightA / unitsA + (double) rightB / unitsB) / 2;
        return new Separation(events, right, units, accuracy, 0.5, low, high, p, v, more);
    }

    /** About how many more triggers, in the same proportions and at the same rates, would decide a pair. */
    private static int morePairUnits(int rightA, int unitsA, int rightB, int unitsB) {
        int units = unitsA + unitsB;
        return search(units, n -> {
            double scale = (double) n / units;
            int na = Math.max(1, (int) Math.round(unitsA * scale));
            int nb = Math.max(1, (int) Math.round(unitsB * scale));
            double[] a = Binomial.wilson((int) Math.round((double) rightA / unitsA * na), na, PAIR_Z);
            double[] b = Binomial.wilson((int) Math.round((double) rightB / unitsB * nb), nb, PAIR_Z);
            return verdict((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, 0.5) != Verdict.UNDECIDED;
        });
    }

    static Verdict verdict(double low, double high, double chance) {
        if (low > chance) {
            return Verdict.DISTINGUISHABLE;
        }
        if (low >= chance - MARGIN && high <= chance + MARGIN) {
            return Verdict.INDISTINGUISHABLE;
        }
        return Verdict.UNDECIDED;
    }

    /** About how many more units at the rate right / units would decide; -1 when none up to the limit would. */
    static int moreUnits(int right, int units, double chance) {
        double rate = (double) right / units;
        return search(units, n -> decides(rate, n, chance));
    }

    /** The least n above {@code units} (up to the limit) that {@code decides}, less units; -1 for none. */
    private static int search(int units, java.util.function.IntPredicate decides) {
        int undecided = units;
        int decided = -1;
        for (long n = Math.max(2L * units, units + 1L); n <= SEARCH_LIMIT * 2L; n *= 2) {
            int m = (int) Math.min(n, SEARCH_LIMIT);
            if (decides.test(m)) {
                decided = m;
                break;
            }
            undecided = m;
            if (m == SEARCH_LIMIT) {
                return -1;
            }
        }
        if (decided < 0) {
            return -1;
        }
        while (decided - undecided > 1) {
            int mid = (undecided + decided) >>> 1;
            if (decides.test(mid)) {
                decided = mid;
            } else {
                undecided = mid;
            }
        }
        return decided - units;
    }

    private static boolean decides(double rate, int n, double chance) {
        double[] ci = Binomial.wilson((int) Math.round(rate * n), n);
        return verdict(ci[0], ci[1], chance) != Verdict.UNDECIDED;
    }
}
