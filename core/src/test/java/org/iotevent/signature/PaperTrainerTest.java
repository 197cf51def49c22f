package org.iotevent.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PaperTrainerTest {
    /** Two events of 3 packets with a few bytes of jitter, and a noisy 'other'. */
    static List<LabeledSample> samples(int perEvent, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LabeledSample> out = new ArrayList<>();
        for (int i = 0; i < perEvent; i++) {
            out.add(new LabeledSample("ON", new int[] {-235 - r.nextInt(3), 171 + r.nextInt(3), -52}));
            out.add(new LabeledSample("OFF", new int[] {-251 - r.nextInt(3), 171 + r.nextInt(3), -52}));
            out.add(new LabeledSample("other", new int[] {-60 - r.nextInt(200), 60 + r.nextInt(200), -52}));
        }
        return out;
    }

    @Test
    void separableEventsAreLearntAndTheSpecRecordsK() {
        TrainedModel m = new PaperTrainer(PaperTrainer.DEFAULT_K, 1).train(samples(20, 1));
        assertThat(m.spec().name()).isEqualTo("paper");
        assertThat(m.spec().parameters()).containsOnlyKeys("k");
        assertThat(m.report().heldOutSamples()).as("every sample held out once").isEqualTo(60);
        assertThat(m.report().folds()).isEqualTo(5);
        assertThat(m.report().heldOutAccuracy()).isEqualTo(1.0);
        assertThat(m.report().candidateAccuracy()).containsOnlyKeys("k=01", "k=03", "k=05", "k=07", "k=09");
        assertThat(m.classifier().classify(new int[] {-236, 172, -52}).label()).isEqualTo("ON");
        assertThat(m.classifier().classify(new int[] {-252, 171, -52}).label()).isEqualTo("OFF");
    }

    @Test
    void identicalEventsAreReportedAsConfused() {
        List<LabeledSample> same = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            same.add(new LabeledSample("power", new int[] {-267, 123, -54}));
            same.add(new LabeledSample("timer", new int[] {-267, 123, -54}));
        }
        TrainedModel m = new PaperTrainer(new int[] {1}, 1).train(same);
        assertThat(m.report().heldOutAccuracy()).isEqualTo(0.5);
        assertThat(m.report().confusions()).containsExactly(new TrainingReport.Confusion("timer", "power", 10, 10));
    }

    @Test
    void tooFewSamplesToHoldOutTakesTheSmallestK() {
        TrainedModel m = new PaperTrainer(new int[] {5, 3}, 1)
                .train(List.of(new LabeledSample("ON", new int[] {1}), new LabeledSample("OFF", new int[] {2})));
        assertThat(m.spec().parameter("k", 0)).isEqualTo(3);
        assertThat(m.report().heldOutAccuracy()).isNaN();
    }

    @Test
    void sameSeedSameModel() {
        List<LabeledSample> s = samples(30, 5);
        assertThat(new PaperTrainer(PaperTrainer.DEFAULT_K, 9).train(s).report())
                .isEqualTo(new PaperTrainer(PaperTrainer.DEFAULT_K, 9).train(s).report());
    }
}
