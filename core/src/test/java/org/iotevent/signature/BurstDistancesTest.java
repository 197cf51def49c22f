package org.iotevent.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A classifier built on a subset of the samples with shared distances (its searches walk each burst's
 * list of nearest samples, then the cleaned bursts, and search everything when a list runs out) labels
 * every burst exactly as the one that aligns every pair itself: with lists of 1, 2 and 24 entries, so
 * that the walk, the cleaned bursts and the full search after a short list are all taken.
 */
class BurstDistancesTest {
    /** Events of 6 to 14 packets with jitter and an interleaved acknowledgement now and then, heartbeats, duplicates. */
    private static List<LabeledSample> samples() {
        SplittableRandom r = new SplittableRandom(11);
        List<LabeledSample> out = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            if (i % 4 == 0) {
                out.add(new LabeledSample("other", new int[] {-100 - r.nextInt(2), 100 + r.nextInt(2)}));
                continue;
            }
            int e = r.nextInt(4);
            SplittableRandom shape = new SplittableRandom(100 + e);
            List<Integer> v = new ArrayList<>();
            for (int p = 0; p < 6 + 2 * e; p++) {
                int l = 60 + shape.nextInt(900) + (r.nextInt(3) == 0 ? r.nextInt(4) : 0);
                v.add(p % 2 == 0 ? -l : l);
            }
            if (r.nextInt(5) == 0) {
                v.add(r.nextInt(v.size() + 1), 52);
            }
            out.add(new LabeledSample("event" + e, v.stream().mapToInt(Integer::intValue).toArray(), i));
        }
        return out;
    }

    @Test
    void searchesOverSubsetsFindWhatAligningEveryPairFinds() {
        List<LabeledSample> samples = samples();
        for (int listed : new int[] {1, 2, BurstDistances.NEAREST}) {
            BurstDistances shared = new BurstDistances(samples, listed);
            SplittableRandom r = new SplittableRandom(listed);
            for (int round = 0; round < 4; round++) {
                List<int[]> bursts = new ArrayList<>();
                List<String> labels = new ArrayList<>();
                for (LabeledSample s : samples) {
                    if (r.nextInt(10) < 7) {
                        bursts.add(s.vector());
                        labels.add(s.label());
                    }
                }
                for (boolean clean : new boolean[] {false, true}) {
                    List<int[]> templates = clean ? SampleCleaner.clean(bursts, labels, shared) : bursts;
                    AlignmentClassifier fast = AlignmentClassifier.calibrated(bursts, templates, labels, 5, OpenSetRule.DEFAULT,
                            shared);
                    AlignmentClassifier plain = AlignmentClassifier.calibrated(bursts, clean
                            ? SampleCleaner.clean(bursts, labels) : bursts, labels, 5, OpenSetRule.DEFAULT, null);
                    assertThat(fast.threshold()).isEqualTo(plain.threshold());
                    for (LabeledSample s : samples) {
                        int[] ks = {1, 3, 5};
                        assertThat(fast.matchEach(s.vector(), ks)).as("listed %d, clean %s", listed, clean)
                                .containsExactly(plain.matchEach(s.vector(), ks));
                    }
                }
            }
        }
    }
}
