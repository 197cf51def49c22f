package org.iotevent.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.iotevent.signature.Classifiers;
import org.iotevent.signature.GroupedKnn;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.PaperTrainer;
import org.junit.jupiter.api.Test;

/** The training with verdicts that train -o and the demo share. */
class SignatureTrainingTest {
    private static List<LabeledSample> samples(int triggers, boolean oneTrigger) {
        List<LabeledSample> out = new ArrayList<>();
        for (int t = 0; t < triggers; t++) {
            long trigger = oneTrigger ? 1 : 100 + t;
            out.add(new LabeledSample("ON", new int[] {120 + t % 3, -300, 80}, trigger));
            out.add(new LabeledSample("OFF", new int[] {-640 - t % 3, 210}, trigger + (oneTrigger ? 0 : 1000)));
        }
        return out;
    }

    @Test
    void theVerdictsComeFromACrossValidationOfTheSameSamples() {
        List<LabeledSample> samples = samples(8, false);
        SignatureTraining training = new SignatureTraining(
                Classifiers.trainer(GroupedKnn.NAME, PaperTrainer.DEFAULT_K, 1), samples);
        assertThat(training.model().classifier().classify(new int[] {121, -300, 80}).label()).isEqualTo("ON");
        AtomicInteger heard = new AtomicInteger();
        EventReading reading = training.crossValidate(1, 1.0, (done, total) -> heard.incrementAndGet());
        assertThat(reading).isNotNull();
        assertThat(reading.verdicts()).isNotNull();
        assertThat(reading.truePositives()).isEqualTo(samples.size());
        assertThat(heard.get()).as("the listener hears the folds' trainings").isPositive();
    }

    @Test
    void tooFewTriggersToCrossValidateLeaveTheModelWithoutVerdicts() {
        SignatureTraining training = new SignatureTraining(
                Classifiers.trainer(GroupedKnn.NAME, PaperTrainer.DEFAULT_K, 1), samples(4, true));
        assertThat(training.model().classifier().classify(new int[] {-641, 210}).label()).isEqualTo("OFF");
        assertThat(training.crossValidate(1, 1.0, (done, total) -> { })).isNull();
    }
}
