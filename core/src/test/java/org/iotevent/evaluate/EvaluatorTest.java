package org.iotevent.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.iotevent.signature.AlignmentTrainer;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.OpenSetRule;
import org.iotevent.signature.PaperTrainer;
import org.iotevent.signature.Trainer;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    static final int TP = 0;
    static final int TN = 1;
    static final int FP = 2;
    static final int FN = 3;

    @Test
    void formulaFourCountsEachBurstOnceWithOtherNegative() {
        assertThat(Evaluator.outcome("ON", "ON")).isEqualTo(TP);
        assertThat(Evaluator.outcome("other", "other")).isEqualTo(TN);
        assertThat(Evaluator.outcome("other", "ON")).isEqualTo(FP);
        assertThat(Evaluator.outcome("ON", "other")).isEqualTo(FN);
        assertThat(Evaluator.outcome("ON", "OFF")).as("a wrong event is a wrong alarm").isEqualTo(FP);
    }

    /** ON and OFF identical (always confused, the smaller label 'OFF' wins), 'other' distinct. */
    static List<LabeledSample> confusable() {
        List<LabeledSample> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.add(new LabeledSample("ON", new int[] {-100, 50}));
            out.add(new LabeledSample("OFF", new int[] {-100, 50}));
            out.add(new LabeledSample("other", new int[] {-500, 500 + i}));
        }
        return out;
    }

    @Test
    void countsEachSampleOnceAveragesFormulaFourOverSplitsAndSweepsK() {
        Evaluator ev = new Evaluator(new PaperTrainer(new int[] {1, 3}, 1), k -> new PaperTrainer(new int[] {k}, 1),
                new int[] {1, 3});
        Evaluation e = ev.evaluate(confusable(), 10, 5);
        assertThat(e.testedPerRepeat()).isEqualTo(6);
        // one out-of-fold prediction per sample: 10 of each label, not 10 repeats' worth
        assertThat(e.confusion().get("ON")).containsEntry("OFF", 10L).hasSize(1);
        assertThat(e.confusion().get("OFF")).containsEntry("OFF", 10L);
        assertThat(e.confusion().get("other")).containsEntry("other", 10L);
        assertThat(e.truePositives()).isEqualTo(10);
        assertThat(e.trueNegatives()).isEqualTo(10);
        assertThat(e.falsePositives()).isEqualTo(10);
        assertThat(e.falseNegatives()).isZero();
        assertThat(e.accuracy()).as("the paper's accuracy, over the splits").isEqualTo(40.0 / 60);
        assertThat(e.reading().eventsRead()).as("OFF always read, ON never").isEqualTo(0.5);
        assertThat(e.reading().pairs()).singleElement().satisfies(p -> {
            assertThat(p.right()).isEqualTo(10);
            assertThat(p.units()).isEqualTo(20);
            assertThat(p.chance()).isEqualTo(0.5);
        });
        assertThat(e.perEvent().get("OFF").precision()).isEqualTo(0.5);
        assertThat(e.perEvent().get("OFF").recall()).isEqualTo(1.0);
        assertThat(e.perEvent().get("ON").recall()).isZero();
        assertThat(e.perEvent().get("ON").precision()).isNaN();
        assertThat(e.accuracyByK()).containsOnlyKeys(1, 3);
        assertThat(e.accuracyByK().get(1)).isEqualTo(40.0 / 60);
        assertThat(e.k()).isEqualTo(1);
    }

    @Test
    void sameSeedSameEvaluation() {
        Evaluator ev = new Evaluator(new PaperTrainer(new int[] {1}, 1), k -> new PaperTrainer(new int[] {k}, 1), new int[] {1});
        assertThat(ev.evaluate(confusable(), 3, 11)).isEqualTo(ev.evaluate(confusable(), 3, 11));
    }

    /**
     * Two tight events and a few bursts of the device's own traffic unlike each other and unlike
     * the events, which the open-set classifier rejects as unknown.
     */
    static List<LabeledSample> withUnknowns() {
        List<LabeledSample> out = new ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        for (int i = 0; i < 20; i++) {
            out.add(new LabeledSample("on", new int[] {-300 - r.nextInt(2), 120, -52}));
            out.add(new LabeledSample("off", new int[] {-500 - r.nextInt(2), 120, -52}));
        }
        for (int i = 0; i < 3; i++) { // few, so the threshold follows the events' own scatter
            int[] v = new int[3 + i];
            for (int j = 0; j < v.length; j++) {
                v[j] = (j % 2 == 0 ? 1 : -1) * (700 + 150 * i + r.nextInt(100));
            }
            out.add(new LabeledSample("other", v));
        }
        return out;
    }

    @Test
    void accuracyAndAccuracyByKCountUnknownByOneRule() {
        IntFunction<Trainer> align = k -> new AlignmentTrainer(new int[] {k}, 1, OpenSetRule.DEFAULT);
        Evaluation e = new Evaluator(align.apply(1), align, new int[] {1}).evaluate(withUnknowns(), 20, 1);
        assertThat(e.confusion().get("other")).as("the device's own bursts are said to be unknown").containsKey("unknown");
        assertThat(e.accuracyByK().get(1)).as("the same trainer, counted the same way").isEqualTo(e.accuracy());
        assertThat(e.accuracy()).isEqualTo((double) (e.truePositives() + e.trueNegatives())
                / (e.truePositives() + e.trueNegatives() + e.falsePositives() + e.falseNegatives()));
    }
}
