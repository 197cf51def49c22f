package org.iotevent.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.iotevent.traffic.EventPairer;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    /**
     * Thirty triggers, each cut into three identical bursts whose lengths say nothing about the
     * event (random per trigger, event random): nothing can be learnt, and an honest accuracy is
     * about chance. With {@code grouped} false the same bursts forget their trigger.
     */
    private static List<LabeledSample> unlearnable(boolean grouped) {
        SplittableRandom r = new SplittableRandom(5);
        List<LabeledSample> out = new ArrayList<>();
        for (int t = 0; t < 30; t++) {
            String label = t % 2 == 0 ? "on" : "off";
            int[] v = {-100 - r.nextInt(1000), 100 + r.nextInt(1000), -52};
            for (int b = 0; b < 3; b++) {
                out.add(grouped ? new LabeledSample(label, v, t) : new LabeledSample(label, v));
            }
        }
        return out;
    }

    @Test
    void aTriggersBurstsNeverSitOnBothSidesSoTheAccuracyStaysHonest() {
        for (Trainer t : List.<Trainer>of(new PaperTrainer(new int[] {1}, 1),
                new AlignmentTrainer(new int[] {1}, 1, OpenSetRule.CLOSED))) {
            TrainingReport grouped = t.train(unlearnable(true)).report();
            assertThat(grouped.heldOutSamples()).isEqualTo(90);
            assertThat(grouped.heldOutAccuracy()).as("grouped by trigger").isLessThan(0.75);
            // the same bursts without their trigger find their own siblings: the figure a split by burst would print
            assertThat(t.train(unlearnable(false)).report().heldOutAccuracy()).isEqualTo(1.0);
        }
    }

    @Test
    void everySampleIsHeldOutOnceExceptALabelWithOneTrigger() {
        List<LabeledSample> s = new ArrayList<>(unlearnable(true));
        s.add(new LabeledSample("reset", new int[] {-700, 300}, 99));
        s.add(new LabeledSample("reset", new int[] {-700, 300}, 99));
        int[] fold = CrossValidation.folds(s, 3);
        assertThat(fold[90]).isEqualTo(CrossValidation.ALWAYS_TRAINED);
        assertThat(fold[91]).isEqualTo(CrossValidation.ALWAYS_TRAINED);
        assertThat(java.util.Arrays.stream(fold, 0, 90)).allMatch(f -> f >= 0 && f < CrossValidation.FOLDS);
        TrainingReport r = new PaperTrainer(new int[] {1}, 3).train(s).report();
        assertThat(r.heldOutSamples()).isEqualTo(90);
        assertThat(r.folds()).isEqualTo(5);
    }

    @Test
    void tooFewTriggersToHoldAnyOutMeasureNothing() {
        List<LabeledSample> s = List.of(new LabeledSample("on", new int[] {1}, 1), new LabeledSample("on", new int[] {1}, 1),
                new LabeledSample("off", new int[] {2}, 2));
        TrainedModel m = new AlignmentTrainer(AlignmentTrainer.DEFAULT_K, 1, OpenSetRule.DEFAULT).train(s);
        assertThat(m.report().heldOutAccuracy()).isNaN();
        assertThat(m.report().heldOutSamples()).isZero();
        assertThat(m.report().folds()).isZero();
        assertThat(m.spec().parameter("k", 0)).isEqualTo(AlignmentTrainer.PREFERRED_K);
    }

    /** Two well-separated events with one label in five flipped: voting over more neighbours pays. */
    private static List<LabeledSample> noisyLabels(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LabeledSample> out = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            boolean on = i % 2 == 0;
            int[] v = {-(on ? 300 : 500) - r.nextInt(40), 120 + r.nextInt(40), -52};
            boolean flip = r.nextInt(5) == 0;
            out.add(new LabeledSample(on != flip ? "on" : "off", v));
        }
        return out;
    }

    @Test
    void kIsChosenOnEveryFoldNotOneSplit() {
        for (long seed = 1; seed <= 5; seed++) {
            TrainedModel m = new PaperTrainer(PaperTrainer.DEFAULT_K, seed).train(noisyLabels(seed));
            assertThat(m.spec().parameter("k", 0)).as("seed %d", seed).isGreaterThanOrEqualTo(5);
            TrainingReport r = m.report();
            double best = r.candidateAccuracy().values().stream().mapToDouble(x -> x).max().orElseThrow();
            assertThat(r.heldOutAccuracy()).isEqualTo(best);
            assertThat(r.candidateAccuracy().get("k=01")).isLessThan(r.heldOutAccuracy() - 0.05);
        }
    }

    @Test
    void paperModeCountsTheTiesItGaveToOther() {
        List<LabeledSample> s = new ArrayList<>();
        for (int t = 0; t < 5; t++) { // a lock whose paired samples include the heartbeat's exchange
            s.add(new LabeledSample("lock", new int[] {-58, 58}, t));
            s.add(new LabeledSample("lock", new int[] {-300, 200, -58}, t));
        }
        for (int i = 0; i < 5; i++) { // as many heartbeats: each fold holds out one of each, leaving 4 and 4
            s.add(new LabeledSample(EventPairer.OTHER, new int[] {-58, 58}));
        }
        TrainedModel m = new PaperTrainer(new int[] {1}, 1).train(s);
        assertThat(m.report().tiesToOther()).as("every heartbeat-shaped sample held out").isEqualTo(10);
        assertThat(m.report().confusions()).containsExactly(new TrainingReport.Confusion("lock", EventPairer.OTHER, 5, 10));
        Prediction p = m.classifier().classify(new int[] {-58, 58});
        assertThat(p.label()).isEqualTo(EventPairer.OTHER);
        assertThat(p.tieToOther()).isTrue();
        assertThat(m.classifier().classify(new int[] {-300, 201, -58})).isEqualTo(new Prediction("lock", 1.0));
    }
}
