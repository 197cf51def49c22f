package org.iotevent.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AlignmentTrainerTest {

    /** Two events with a varying number of acknowledgements, and heartbeats. */
    private static List<LabeledSample> samples() {
        List<LabeledSample> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int acks = i % 3;
            out.add(new LabeledSample("on", burst(new int[] {120, -40, 88}, acks)));
            out.add(new LabeledSample("off", burst(new int[] {120, -40, 104}, acks)));
            out.add(new LabeledSample("other", new int[] {-44, 44}));
        }
        return out;
    }

    private static int[] burst(int[] head, int acks) {
        int[] b = java.util.Arrays.copyOf(head, head.length + acks);
        for (int i = head.length; i < b.length; i++) {
            b[i] = -40;
        }
        return b;
    }

    @Test
    void learnsEventsWhosePacketCountsVary() {
        TrainedModel m = Classifiers.trainer(AlignmentClassifier.NAME, AlignmentTrainer.DEFAULT_K, 3).train(samples());
        assertThat(m.report().heldOutAccuracy()).isEqualTo(1.0);
        assertThat(m.report().candidateAccuracy()).containsOnlyKeys("k=01", "k=03", "k=05", "k=01,clean", "k=03,clean",
                "k=05,clean");
        assertThat(m.spec().name()).isEqualTo("align");
        assertThat(m.spec().parameter("k", 0)).as("every candidate is right: the tie goes to the preferred k")
                .isEqualTo(1);
        assertThat(m.report().heldOutSamples()).isEqualTo(60);
        assertThat(m.classifier().classify(new int[] {120, -40, -40, 104, -40, -40}).label()).isEqualTo("off");
        assertThat(m.classifier().classify(new int[] {1400, 1400, 1400, -40}).label()).isEqualTo(AlignmentClassifier.UNKNOWN);
    }

    @Test
    void restoredFromItsSpecClassifiesTheSame() {
        TrainedModel m = new AlignmentTrainer(new int[] {1}, 3, OpenSetRule.DEFAULT).train(samples());
        Classifier restored = Classifiers.restore(m.spec(), samples());
        for (int[] b : List.of(new int[] {120, -40, 88, -40}, new int[] {-44}, new int[] {900, -900})) {
            assertThat(restored.classify(b)).isEqualTo(m.classifier().classify(b));
        }
    }

    @Test
    void restoreNamesTheBadParameter() {
        ClassifierSpec noThreshold = new ClassifierSpec("align", new TreeMap<>(Map.of("k", 1.0, "clean", 0.0)));
        assertThatThrownBy(() -> Classifiers.restore(noThreshold, samples())).hasMessageContaining("threshold");
        ClassifierSpec badClean = new ClassifierSpec("align", new TreeMap<>(Map.of("k", 1.0, "threshold", 0.2, "clean", 0.5)));
        assertThatThrownBy(() -> Classifiers.restore(badClean, samples())).hasMessageContaining("parameters.clean");
        ClassifierSpec extra = new ClassifierSpec("align",
                new TreeMap<>(Map.of("k", 1.0, "threshold", 0.2, "clean", 0.0, "w", 1.0)));
        assertThatThrownBy(() -> Classifiers.restore(extra, samples())).hasMessageContaining("only");
        ClassifierSpec badK = new ClassifierSpec("align", new TreeMap<>(Map.of("k", 1.5, "threshold", 0.2, "clean", 0.0)));
        assertThatThrownBy(() -> Classifiers.restore(badK, samples())).hasMessageContaining("parameters.k");
        assertThatThrownBy(() -> new AlignmentTrainer(new int[0], 1, OpenSetRule.DEFAULT)).hasMessageContaining("candidate k");
    }
}
