package org.iotevent.evaluate.leakage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.iotevent.signature.LabeledSample;

/**
 * Benchmark (bench/leakage-bias.sh), not a test: the bias of the bits figure against the number of
 * triggers per label, on two events whose one-packet bursts have uniform lengths over
 * [1000, 2000) and [1000 + shift, 2000 + shift), so the truth is exact: I = shift / 1000 bit,
 * Bayes accuracy 1/2 + shift / 2000. Per case and number of triggers, over seeded draws: the mean
 * kNN estimate, the mean Fano floor, the mean reported figure (the larger), how often the reported
 * figure exceeds the truth, and how often the interval holds it.
 *
 * <p>Usage: {@code LeakageBias [DRAWS]} (default 40).
 */
public final class LeakageBias {
    private LeakageBias() {}

    public static void main(String[] args) {
        int draws = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        System.out.println("| truth (bits) | triggers per label | kNN mean | Fano floor mean | reported mean | reported > truth | "
                + "interval holds truth | flagged few |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int shift : new int[] {0, 300, 500, 800, 1000}) {
            for (int n : new int[] {6, 10, 20, 40, 100}) {
                double knn = 0;
                double floor = 0;
                double reported = 0;
                int above = 0;
                int holds = 0;
                int few = 0;
                double truth = shift / 1000.0;
                for (int d = 0; d < draws; d++) {
                    SplittableRandom r = new SplittableRandom(1000L * shift + 31L * n + d);
                    List<LabeledSample> samples = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        samples.add(new LabeledSample("on", new int[] {1000 + r.nextInt(1000), -60}, 2L * i));
                        samples.add(new LabeledSample("off", new int[] {1000 + shift + r.nextInt(1000), -60}, 2L * i + 1));
                    }
                    LeakageFigures f = new Leakage(d).measure(samples).all();
                    knn += f.knnBits();
                    floor += f.fanoFloorBits();
                    reported += f.bits().value();
                    above += f.bits().value() > truth + 1e-9 ? 1 : 0;
                    holds += truth >= f.bits().low() - 1e-9 && truth <= f.bits().high() + 1e-9 ? 1 : 0;
                    few += f.fewTriggers() ? 1 : 0;
                }
                System.out.printf(Locale.ROOT, "| %.2f | %d | %.2f | %.2f | %.2f | %.0f %% | %.0f %% | %s |%n", truth, n,
                        knn / draws, floor / draws, reported / draws, 100.0 * above / draws, 100.0 * holds / draws,
                        few == draws ? "yes" : few == 0 ? "no" : few + " of " + draws);
            }
        }
    }
}
