package org.iotevent.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.iotevent.signature.BurstDistances;
import org.iotevent.signature.Classifiers;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.TrainedModel;
import org.iotevent.signature.Trainer;
import org.junit.jupiter.api.Test;

/**
 * The shared distances, the shared k sweep and the threads change how fast, never what: the same samples
 * and seed give the same evaluation, the same out-of-fold predictions and the same trained models as the
 * path without them (one thread, every training aligning its own pairs and each k of the sweep trained
 * alone, as before the cache).
 */
class EvaluatorCacheTest {
    private static final int[] KS = {1, 3, 5};

    /** The benchmark's bursts, plus two camera-like events of 70-140 packets, whose alignments dominate. */
    private static List<LabeledSample> samples() {
        List<LabeledSample> samples = new ArrayList<>(EvaluateBenchmark.samples(120, 4));
        SplittableRandom r = new SplittableRandom(8);
        for (int t = 0; t < 16; t++) {
            int[] v = new int[70 + r.nextInt(70)];
            for (int p = 0; p < v.length; p++) {
                v[p] = p % 3 == 0 ? 66 : -(t % 2 == 0 ? 1400 : 1380) - r.nextInt(60);
            }
            samples.add(new LabeledSample(t % 2 == 0 ? "motion" : "live_view", v, 10_000 + t));
        }
        return samples;
    }

    private static Evaluator evaluator(String classifier) {
        return new Evaluator(Classifiers.trainer(classifier, KS, 1), k -> Classifiers.trainer(classifier, new int[] {k}, 1), KS);
    }

    @Test
    void theCachedPathGivesExactlyTheEvaluationOfTheUncachedOne() {
        List<LabeledSample> samples = samples();
        for (String classifier : List.of("align", "paper")) {
            Evaluation fast = evaluator(classifier).evaluate(samples, 3, 3, 2.0);
            Evaluation plain = evaluator(classifier).cached(false).evaluate(samples, 3, 3, 2.0);
            assertThat(fast).as(classifier).isEqualTo(plain);
            assertThat(evaluator(classifier).outOfFold(samples, 5))
                    .isEqualTo(evaluator(classifier).cached(false).outOfFold(samples, 5));
        }
    }

    @Test
    void aTrainingWithSharedDistancesLearnsTheSameModel() {
        List<LabeledSample> samples = samples();
        Trainer trainer = Classifiers.trainer("align", KS, 1);
        BurstDistances shared = new BurstDistances();
        TrainedModel cached = trainer.withDistances(shared).train(samples);
        TrainedModel again = trainer.withDistances(shared).train(samples);
        TrainedModel plain = trainer.withDistances(BurstDistances.DISABLED).train(samples);
        assertThat(shared.entries()).isPositive();
        for (TrainedModel m : List.of(cached, again)) {
            assertThat(m.spec()).isEqualTo(plain.spec());
            assertThat(m.report()).isEqualTo(plain.report());
            for (LabeledSample s : samples) {
                assertThat(m.classifier().classify(s.signedLengths())).isEqualTo(plain.classifier().classify(s.signedLengths()));
            }
        }
    }

    @Test
    void theSweepLearnsInOneTrainingTheModelsOfTrainingEachAlone() {
        List<LabeledSample> samples = samples();
        for (String classifier : List.of("align", "paper")) {
            Trainer trainer = Classifiers.trainer(classifier, KS, 1);
            List<TrainedModel> swept = trainer.trainSweep(samples, new int[] {5, 1, 3, 2});
            List<TrainedModel> alone = new ArrayList<>(List.of(trainer.train(samples)));
            for (int k : new int[] {5, 1, 3, 2}) {
                assertThat(trainer.withK(k)).isEqualTo(Classifiers.trainer(classifier, new int[] {k}, 1));
                alone.add(Classifiers.trainer(classifier, new int[] {k}, 1).train(samples));
            }
            assertThat(swept).hasSameSizeAs(alone);
            for (int m = 0; m < alone.size(); m++) {
                assertThat(swept.get(m).spec()).as(classifier + " model " + m).isEqualTo(alone.get(m).spec());
                assertThat(swept.get(m).report()).as(classifier + " model " + m).isEqualTo(alone.get(m).report());
                for (LabeledSample s : samples) {
                    assertThat(swept.get(m).classifier().classify(s.signedLengths()))
                            .isEqualTo(alone.get(m).classifier().classify(s.signedLengths()));
                }
            }
        }
    }

    @Test
    void progressCountsEveryTraining() {
        List<Integer> seen = new ArrayList<>();
        evaluator("paper").listener((done, total) -> {
            synchronized (seen) {
                seen.add(done);
                assertThat(total).isEqualTo(Evaluator.FOLDS + 4);
            }
        }).evaluate(samples(), 4, 1);
        assertThat(seen).hasSize(Evaluator.FOLDS + 4).contains(Evaluator.FOLDS + 4);
    }
}
