package org.iotevent.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.iotevent.evaluate.leakage.Estimate;
import org.iotevent.evaluate.leakage.LeakageFigures;
import org.iotevent.evaluate.leakage.LeakageResult;

/** The leakage figures in words, as train and evaluate print them. */
final class LeakageLines {
    /** Below this many points under the bound, the classifier is taken as close enough to it. */
    private static final double CLOSE = 0.05;
    /** With few triggers, an interval reaching this far above the estimate is printed as a range. */
    private static final double WIDE = 0.1;

    private LeakageLines() {}

    /**
     * Prints the device's leakage.
     *
     * @param accuracy what the tool's classifier reached on the same samples (formula 4), NaN if unknown
     * @param allPairs print every pair; else only the pairs that leak less than half their entropy
     */
    static void print(PrintWriter out, LeakageResult r, double accuracy, boolean allPairs) {
        out.println("leakage, for any attack on these bursts (the device's packets: directions and IP lengths, in order):");
        if (r.all() == null) {
            out.println("  not measured: fewer than two labels have two triggers each" + dropped(r));
            return;
        }
        boolean withOther = r.events() != r.all();
        line(out, withOther ? "events and own traffic" : "events", r.all());
        if (withOther) {
            if (r.events() != null) {
                line(out, "events alone", r.events());
            } else {
                out.println("  events alone: fewer than two events with two triggers each");
            }
        }
        verdict(out, r.all(), accuracy);
        out.printf(Locale.ROOT, "  (bits: kNN mutual information, k = %d, interval from %d bootstrap resamples of triggers, "
                + "at least Fano's floor from the 1-NN error; bound: Cover-Hart from the 1-NN error, Wilson interval%s%s)%n",
                r.k(), r.bootstrap(),
                r.samplesUsed() < r.samplesGiven() ? "; " + r.samplesUsed() + " of " + r.samplesGiven()
                        + " bursts, triggers subsampled" : "", dropped(r));
        boolean header = false;
        for (LeakageResult.Pair p : r.pairs()) {
            LeakageFigures f = p.figures();
            if (!allPairs && !(f.share() < 0.5)) {
                continue;
            }
            if (!header) {
                out.println(allPairs ? "  pairs:" : "  pairs that leak less than half their bits:");
                header = true;
            }
            out.printf(Locale.ROOT, "    %-40s %s, best accuracy <= %s [%s, %s]%n", shorten(p.first() + " / " + p.second(), 40),
                    bitsText(f), LearnOptions.percent(f.bestAccuracy().value()), bare(f.bestAccuracy().low()),
                    bare(f.bestAccuracy().high()));
        }
    }

    private static void line(PrintWriter out, String name, LeakageFigures f) {
        out.printf(Locale.ROOT, "  %-22s %s%n", name + ":", figures(f));
    }

    /**
     * "0.98 bits [0.91, 1.00] of 1.00 (98 %), best accuracy <= 100.0 % [95.1, 100.0], 1-NN 99.0 %, chance 50.0 %"; with
     * few triggers the range comes first, since the point figure reads low there.
     */
    static String figures(LeakageFigures f) {
        Estimate a = f.bestAccuracy();
        return String.format(Locale.ROOT, "%s, best accuracy <= %s [%s, %s], 1-NN %s, chance %s", bitsText(f),
                LearnOptions.percent(a.value()), bare(a.low()), bare(a.high()), LearnOptions.percent(f.nnAccuracy().value()),
                LearnOptions.percent(f.chance()));
    }

    /** "0.98 bits [0.91, 1.00] of 1.00 (98 %)", or "0.00 to 0.93 bits of 1.00 (few triggers: ...)". */
    private static String bitsText(LeakageFigures f) {
        Estimate b = f.bits();
        if (f.fewTriggers() && b.high() - b.value() >= WIDE) {
            return String.format(Locale.ROOT, "%s to %s bits of %s (few triggers, %d for a label: "
                    + "the estimate %s reads low)", bits(b.low()), bits(b.high()), bits(f.entropyBits()),
                    f.fewestTriggers(), bits(b.value()));
        }
        return String.format(Locale.ROOT, "%s bits [%s, %s] of %s%s", bits(b.value()), bits(b.low()), bits(b.high()),
                bits(f.entropyBits()), Double.isNaN(f.share()) ? "" : String.format(Locale.ROOT, " (%.0f %%)", 100 * f.share()));
    }

    /** Whether the classifier falls short of what the samples allow. */
    private static void verdict(PrintWriter out, LeakageFigures all, double accuracy) {
        if (Double.isNaN(accuracy)) {
            return;
        }
        Estimate nn = all.nnAccuracy();
        if (accuracy < nn.low()) {
            out.printf("  a better attack exists: this classifier reaches %s, a plain 1-NN over the alignment distance %s [%s, %s]%n",
                    LearnOptions.percent(accuracy), LearnOptions.percent(nn.value()), bare(nn.low()), bare(nn.high()));
        } else if (accuracy < all.bestAccuracy().value() - CLOSE) {
            out.printf("  a better attack may exist: this classifier reaches %s, the bound allows up to %s%n",
                    LearnOptions.percent(accuracy), LearnOptions.percent(all.bestAccuracy().value()));
        } else {
            out.printf("  this classifier reaches %s, close to the bound%n", LearnOptions.percent(accuracy));
        }
    }

    private static String dropped(LeakageResult r) {
        return r.dropped().isEmpty() ? "" : "; left out, fewer than two triggers: " + String.join(", ", r.dropped());
    }

    private static String bare(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.1f", 100 * fraction);
    }

    private static String bits(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String shorten(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }
}
