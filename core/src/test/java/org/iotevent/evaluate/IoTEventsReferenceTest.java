package org.iotevent.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.data.Offset;
import org.iotevent.capture.SharedData;
import org.iotevent.signature.Classifier;
import org.iotevent.signature.GroupedKnn;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.PaperTrainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The paper's exact method on the authors' published sequences ({@link SharedData}: not in the
 * repository, skipped with a message when absent) against
 * the reference figures of its README, on all six files.
 *
 * <p>The reference figures are themselves means of only 100 random splits, drawn with CPython's
 * {@code random.Random(seed)}, seeds 0-99 (bench/research/proto.py reproduces them). So two
 * checks: with those very splits ({@link PythonRandom}) the classifier gives every reference figure
 * to the digit, which pins the method (grouping by n, Euclidean distance, majority vote, the tie
 * rule, a test sample with no same-n group counted as an error) without any noise; and with the
 * tool's own splits (1000 of them) every figure lands within 2 points. The second gap is the
 * reference's sampling noise, not the method: the exact means over every possible split
 * (bench/research/exact.py) lie up to 2.0 points from the reference (renti 70.0 against 68.0,
 * jdsp 35.7 against 37.5; docs/learn.md).
 */
@Tag(SharedData.TAG)
class IoTEventsReferenceTest {

    private static Path file(String name) {
        return SharedData.file("data/iotevents/" + name + ".txt");
    }

    @ParameterizedTest
    @CsvSource({
        "12_27jdgn_cz, 94.2, 92.8",
        "12_31tuya_cz, 58.0, 58.0",
        "12_31jdsp_cz, 37.5, 37.5",
        "12_31samsung_dp, 33.5, 33.0",
        "12_30samsung_renti, 68.0, 68.0"
    })
    void theReferenceSplitsGiveEveryReferenceFigureToTheDigit(String name, double k1, double k3) throws Exception {
        List<LabeledSample> samples = IoTEventsReader.read(file(name)).samples();
        assertThat(100 * referenceMean(samples, 1)).isCloseTo(k1, Offset.offset(0.05));
        assertThat(100 * referenceMean(samples, 3)).isCloseTo(k3, Offset.offset(0.05));
    }

    @ParameterizedTest
    @CsvSource({
        "12_27jdgn_cz, 94.2, 92.8",
        "12_31tuya_cz, 58.0, 58.0",
        "12_31jdsp_cz, 37.5, 37.5",
        "12_31samsung_dp, 33.5, 33.0",
        "12_30samsung_renti, 68.0, 68.0"
    })
    void theToolsOwnSplitsLandWithinTwoPoints(String name, double k1, double k3) throws Exception {
        Evaluator ev = new Evaluator(new PaperTrainer(new int[] {1}, 1), k -> new PaperTrainer(new int[] {k}, 1),
                new int[] {1, 3});
        Evaluation e = ev.evaluate(IoTEventsReader.read(file(name)).samples(), 1000, 1);
        assertThat(100 * e.accuracyByK().get(1)).isCloseTo(k1, Offset.offset(2.0));
        assertThat(100 * e.accuracyByK().get(3)).isCloseTo(k3, Offset.offset(2.0));
    }

    @Test
    void theUnlabelledStreamHoldsNothingToEvaluate() throws Exception {
        IoTEventsReader.Contents c = IoTEventsReader.read(file("12_19write_sx_data"));
        assertThat(c.samples()).isEmpty();
        assertThat(c.unlabelledRows()).isEqualTo(72);
    }

    /**
     * The reference's protocol: for seeds 0-99, per label in lexicographic order, shuffle the label's
     * samples with {@code random.Random(seed)} and hold out the first {@code round(0.2 * count)};
     * the mean over the splits of the fraction of held-out samples labelled right.
     */
    private static double referenceMean(List<LabeledSample> samples, int k) {
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < samples.size(); i++) {
            byLabel.computeIfAbsent(samples.get(i).label(), l -> new ArrayList<>()).add(i);
        }
        double sum = 0;
        for (int seed = 0; seed < 100; seed++) {
            PythonRandom random = new PythonRandom(seed);
            boolean[] test = new boolean[samples.size()];
            for (List<Integer> indices : byLabel.values()) {
                List<Integer> shuffled = new ArrayList<>(indices);
                random.shuffle(shuffled);
                int held = (int) Math.rint(0.2 * shuffled.size()); // Python's round: half to even
                shuffled.subList(0, held).forEach(i -> test[i] = true);
            }
            List<LabeledSample> trainSide = new ArrayList<>();
            List<LabeledSample> testSide = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                (test[i] ? testSide : trainSide).add(samples.get(i));
            }
            Classifier knn = new GroupedKnn(trainSide, k);
            long right = testSide.stream().filter(s -> knn.classify(s.signedLengths()).label().equals(s.label())).count();
            sum += (double) right / testSide.size();
        }
        return sum / 100;
    }
}
