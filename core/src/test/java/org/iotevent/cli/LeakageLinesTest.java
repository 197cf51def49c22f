package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.evaluate.leakage.Leakage;
import org.iotevent.signature.LabeledSample;
import org.junit.jupiter.api.Test;

/** What train and evaluate say about leakage, against what the tool's classifier reached. */
class LeakageLinesTest {
    private static String print(List<LabeledSample> samples, double accuracy, boolean allPairs) {
        StringWriter s = new StringWriter();
        try (PrintWriter out = new PrintWriter(s)) {
            LeakageLines.print(out, new Leakage(1).measure(samples), accuracy, allPairs);
        }
        return s.toString();
    }

    private static List<LabeledSample> distinct(int triggers) {
        List<LabeledSample> samples = new ArrayList<>();
        for (int i = 0; i < triggers; i++) {
            samples.add(new LabeledSample("on", new int[] {-200, 120}, i));
            samples.add(new LabeledSample("off", new int[] {-260, 120}, 1000 + i));
            samples.add(new LabeledSample("lock", new int[] {-200, 120}, 2000 + i));
        }
        return samples;
    }

    @Test
    void aClassifierBelowTheNearestNeighbourIsToldABetterAttackExists() {
        String text = print(distinct(20), 0.40, false);
        assertThat(text).contains("a better attack exists: this classifier reaches 40.0 %, a plain 1-NN over the "
                + "alignment distance");
        // lock and on are one exchange: the pair that leaks less than half its bits is listed
        assertThat(text).contains("pairs that leak less than half their bits:").containsPattern("lock / on +0\\.00 bits");
        assertThat(text).doesNotContain("lock / off");
    }

    @Test
    void aClassifierWellBelowTheBoundMayBeBeaten() {
        // 1-NN reaches 1/3 on lock and on, all of off: 2/3 overall; the bound allows more
        String text = print(distinct(20), 0.62, true);
        assertThat(text).contains("a better attack may exist: this classifier reaches 62.0 %, the bound allows up to");
        assertThat(text).contains("  pairs:").contains("lock / off");
    }

    @Test
    void tooFewTriggersIsSaidNotGuessed() {
        List<LabeledSample> samples = List.of(new LabeledSample("on", new int[] {-200}, 1),
                new LabeledSample("off", new int[] {-300}, 2), new LabeledSample("off", new int[] {-300}, 3));
        assertThat(print(samples, Double.NaN, false)).contains("not measured: fewer than two labels have two triggers each; "
                + "left out, fewer than two triggers: on");
    }
}
