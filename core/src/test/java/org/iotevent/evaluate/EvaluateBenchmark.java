package org.iotevent.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.iotevent.signature.Classifiers;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.Trainer;
import org.iotevent.traffic.EventPairer;

/**
 * Benchmark (bench/evaluate-benchmark.sh), not a test: wall seconds of what {@code iotevent evaluate}
 * computes (the {@code align} trainer, k among 1, 3, 5, or {@code paper}, k among 1, 3, 5, 7, 9, with the
 * sweep, as the CLI runs them)
 * and of what {@code iotevent train} computes (the training, then the 5-fold cross-validation of its
 * headline) on N labelled bursts, median of PASSES in one JVM. It calls only what the code before the
 * shared distances had too, so the script runs it against an older build's jar in the same sitting.
 *
 * <p>The bursts: 10 events of 4 to 28 packets (as {@code DetectBenchmark}'s plug), each packet
 * jittered by up to 3 bytes with probability 0.3 and an interleaved 52-byte acknowledgement in one
 * burst of ten, so most bursts are distinct, as on a real capture; 40 % of the samples are the
 * device's own traffic (a heartbeat of 2 to 4 packets, jittered alike), each a trigger of its own.
 *
 * <p>Usage: {@code EvaluateBenchmark evaluate|train N REPEATS PASSES [align|paper]}; prints mode and classifier, N, repeats, median
 * seconds, then the formula (4) accuracy and events read (evaluate) or the held-out accuracy (train),
 * which must agree between builds.
 */
public final class EvaluateBenchmark {
    private EvaluateBenchmark() {}

    public static void main(String[] args) {
        boolean evaluate = args[0].equals("evaluate");
        int n = Integer.parseInt(args[1]);
        int repeats = Integer.parseInt(args[2]);
        int passes = Integer.parseInt(args[3]);
        String classifier = args.length > 4 ? args[4] : "align";
        List<LabeledSample> samples = samples(n, 1);
        int[] ks = classifier.equals("paper") ? new int[] {1, 3, 5, 7, 9} : new int[] {1, 3, 5};
        double[] seconds = new double[passes];
        String figures = "";
        for (int p = 0; p < passes; p++) {
            long t0 = System.nanoTime();
            if (evaluate) {
                Evaluation e = new Evaluator(trainer(classifier, ks), k -> trainer(classifier, new int[] {k}), ks).evaluate(samples, repeats, 1);
                figures = String.format(Locale.ROOT, "%.4f\t%.4f", e.accuracy(), e.reading().eventsRead());
            } else {
                double held = trainer(classifier, ks).train(samples).report().heldOutAccuracy();
                EventReading r = new Evaluator(trainer(classifier, ks), null, new int[0]).crossValidate(samples, 1, Double.NaN);
                figures = String.format(Locale.ROOT, "%.4f\t%.4f", held, r.eventsRead());
            }
            seconds[p] = (System.nanoTime() - t0) / 1e9;
        }
        System.out.printf(Locale.ROOT, "%s %s\t%d\t%d\t%.3f\t%s%n", args[0], classifier, n, evaluate ? repeats : 0, median(seconds), figures);
    }

    private static Trainer trainer(String classifier, int[] ks) {
        return Classifiers.trainer(classifier, ks, 1);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** N labelled bursts as described above, seeded. */
    static List<LabeledSample> samples(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LabeledSample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i % 5 < 2) {
                int[] hb = new int[2 + r.nextInt(3)];
                for (int p = 0; p < hb.length; p++) {
                    hb[p] = jitter(p % 2 == 0 ? -100 : 100, r);
                }
                out.add(new LabeledSample(EventPairer.OTHER, hb));
            } else {
                int e = r.nextInt(10);
                int len = 4 + 3 * (e % 9);
                SplittableRandom shape = new SplittableRandom(1000 + e);
                List<Integer> v = new ArrayList<>();
                for (int p = 0; p < len; p++) {
                    int l = 52 + shape.nextInt(600);
                    v.add(jitter(p % 2 == 0 ? -l : l, r));
                }
                if (r.nextInt(10) == 0) {
                    v.add(r.nextInt(v.size() + 1), 52);
                }
                out.add(new LabeledSample(String.format(Locale.ROOT, "event%02d", e),
                        v.stream().mapToInt(Integer::intValue).toArray(), i));
            }
        }
        return out;
    }

    private static int jitter(int len, SplittableRandom r) {
        if (r.nextInt(10) >= 3) {
            return len;
        }
        int d = 1 + r.nextInt(3);
        return len > 0 ? len + d : len - d;
    }
}
