package org.iotevent.evaluate;

import java.util.List;
import org.iotevent.signature.Separation;
import org.iotevent.signature.Verdict;

/**
 * The verdict on a count of right readings against a chance level. With the exact (Clopper-Pearson)
 * 95 % interval [lo, hi] on the accuracy: {@code distinguishable} when lo &gt; chance;
 * {@code indistinguishable} when the whole interval lies within {@value #MARGIN} (15 points) of
 * chance, chance - 0.15 &lt;= lo and hi &lt;= chance + 0.15; else {@code undecided}, with about how
 * many more units at the observed rate would decide (from the Wilson interval, searched up to
 * {@value #SEARCH_LIMIT} units).
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
        return new Separation(events, right, units, chance, ci[0], ci[1], Binomial.pValue(right, units, chance), v, more);
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
        int undecided = units;
        int decided = -1;
        for (long n = Math.max(2L * units, units + 1L); n <= SEARCH_LIMIT * 2L; n *= 2) {
            int m = (int) Math.min(n, SEARCH_LIMIT);
            if (decides(rate, m, chance)) {
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
            if (decides(rate, mid, chance)) {
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
