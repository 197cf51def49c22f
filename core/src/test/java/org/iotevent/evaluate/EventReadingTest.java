package org.iotevent.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.iotevent.signature.ClassifierSpec;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.PaperTrainer;
import org.iotevent.signature.Prediction;
import org.iotevent.signature.Separation;
import org.iotevent.signature.TrainedModel;
import org.iotevent.signature.Trainer;
import org.iotevent.signature.TrainingReport;
import org.iotevent.signature.Verdict;
import org.junit.jupiter.api.Test;

class EventReadingTest {
    /**
     * A device with two events told apart by their first packet, triggered {@code triggers} times
     * each, and {@code own} bursts of its own traffic (a heartbeat of its own length).
     */
    static List<LabeledSample> plug(int triggers, int own) {
        List<LabeledSample> out = new ArrayList<>();
        long line = 2;
        for (int i = 0; i < triggers; i++) {
            out.add(new LabeledSample("ON", new int[] {-300, 120 + i % 3}, line++));
            out.add(new LabeledSample("OFF", new int[] {-400, 120 + i % 3}, line++));
        }
        for (int i = 0; i < own; i++) {
            out.add(new LabeledSample("other", new int[] {-90, 90, -90 + i % 2}));
        }
        return out;
    }

    /** A trainer whose classifier names every burst {@code label}, whatever it learns from. */
    static Trainer always(String label) {
        return samples -> new TrainedModel(new ClassifierSpec("always", new TreeMap<>()),
                burst -> new Prediction(label, 0), new TrainingReport(Double.NaN, 0, new TreeMap<>(), List.of()));
    }

    @Test
    void aClassifierCallingEveryBurstAnEventLooksAsBadAsItIs() {
        EventReading r = new Evaluator(always("ON"), null, new int[0]).crossValidate(plug(30, 300), 1, 1.0);
        assertThat(r.falseAlarmRate()).as("every own burst raises an alarm").isEqualTo(1.0);
        assertThat(r.falseAlarms()).isEqualTo(300);
        assertThat(r.falseAlarmsPerDay()).isEqualTo(300.0);
        assertThat(r.eventsRead()).as("ON read, OFF never").isEqualTo(0.5);
        assertThat(r.events().get("ON").precision()).isCloseTo(30.0 / 360, org.assertj.core.data.Offset.offset(1e-12));
        Separation on = r.events().get("ON").againstOwnTraffic();
        assertThat(on.chance()).as("own traffic reads ON just as often").isEqualTo(1.0);
        assertThat(on.verdict()).isNotEqualTo(Verdict.DISTINGUISHABLE);
    }

    @Test
    void aClassifierCallingEveryBurstOtherLooksAsBadAsItIsThoughFormulaFourReadsHigh() {
        List<LabeledSample> samples = plug(30, 600);
        Evaluation e = new Evaluator(always("other"), null, new int[0]).evaluate(samples, 5, 1);
        assertThat(e.accuracy()).as("the paper's formula (4) hides the failure").isGreaterThan(0.9);
        assertThat(e.reading().eventsRead()).isZero();
        assertThat(e.reading().falseAlarmRate()).isZero();
        for (String event : List.of("ON", "OFF")) {
            Separation x = e.reading().events().get(event).againstOwnTraffic();
            assertThat(x.right()).isZero();
            assertThat(x.units()).isEqualTo(30);
            assertThat(x.verdict()).as(event + ": 0 of 30 read, chance 0").isEqualTo(Verdict.INDISTINGUISHABLE);
        }
        // with few triggers the same failure is undecided, and says how many more would decide
        Separation few = new Evaluator(always("other"), null, new int[0]).crossValidate(plug(6, 100), 1, Double.NaN)
                .events().get("ON").againstOwnTraffic();
        assertThat(few.verdict()).isEqualTo(Verdict.UNDECIDED);
        assertThat(few.moreUnits()).isBetween(10, 30);
    }

    @Test
    void countsAreOnePerSampleNotPooledOverRepeats() {
        List<LabeledSample> samples = plug(10, 20);
        Evaluation e = new Evaluator(new PaperTrainer(new int[] {1}, 1), null, new int[0]).evaluate(samples, 20, 3);
        long counted = e.confusion().values().stream().flatMap(row -> row.values().stream()).mapToLong(Long::longValue).sum();
        assertThat(counted).isEqualTo(samples.size());
        assertThat(e.truePositives() + e.trueNegatives() + e.falsePositives() + e.falseNegatives()).isEqualTo(samples.size());
        assertThat(e.perEvent().get("ON").support()).isEqualTo(10);
        assertThat(e.reading().eventsRead()).isEqualTo(1.0);
        assertThat(e.reading().pairs()).singleElement().satisfies(p -> {
            assertThat(p.events()).containsExactly("OFF", "ON");
            assertThat(p.verdict()).isEqualTo(Verdict.DISTINGUISHABLE);
            assertThat(p.right()).isEqualTo(20);
        });
    }

    /**
     * Two events whose bursts share every packet but one whose length is drawn at random,
     * independently of the event (the twin lock of issue 10), plus a distinct event.
     */
    static List<LabeledSample> twins(int triggers, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LabeledSample> out = new ArrayList<>();
        long line = 2;
        for (int i = 0; i < triggers; i++) {
            for (String e : List.of("lock", "unlock")) {
                out.add(new LabeledSample(e, new int[] {192, -104, -(248 + random.nextInt(25)), 81}, line++));
            }
            out.add(new LabeledSample("passcode", new int[] {276, -104, -158, 81}, line++));
        }
        for (int i = 0; i < 4 * triggers; i++) {
            out.add(new LabeledSample("other", new int[] {-81, 81}));
        }
        return out;
    }

    private static Separation twinPair(int triggers) {
        EventReading r = new Evaluator(new PaperTrainer(new int[] {1}, 1), null, new int[0]).crossValidate(twins(triggers, 7),
                1, Double.NaN);
        return r.pairs().stream().filter(p -> p.events().equals(List.of("lock", "unlock"))).findFirst().orElseThrow();
    }

    @Test
    void theIdenticalPairIsIndistinguishableWithEnoughTriggersAndUndecidedWithFew() {
        Separation many = twinPair(150);
        assertThat(many.units()).isEqualTo(300);
        assertThat(many.chance()).isEqualTo(0.5);
        assertThat(many.verdict()).as("%s", many).isEqualTo(Verdict.INDISTINGUISHABLE);
        assertThat(many.high() - many.low()).isLessThan(0.3);
        Separation few = twinPair(10);
        assertThat(few.verdict()).as("%s", few).isEqualTo(Verdict.UNDECIDED);
        assertThat(few.moreUnits()).isPositive();
        // the distinct event is told from both twins
        EventReading r = new Evaluator(new PaperTrainer(new int[] {1}, 1), null, new int[0]).crossValidate(twins(20, 7), 1,
                Double.NaN);
        assertThat(r.pairs()).filteredOn(p -> p.events().contains("passcode"))
                .allSatisfy(p -> assertThat(p.verdict()).isEqualTo(Verdict.DISTINGUISHABLE)).hasSize(2);
    }

    @Test
    void aTriggerIsReadByTheMajorityOfItsBurstsThenByTheNearest() {
        List<LabeledSample> samples = new ArrayList<>();
        List<Prediction> predictions = new ArrayList<>();
        // trigger 2 of A: A, B, A -> A; trigger 3 of A: A, B -> tie, B nearer -> B; trigger 4 of A: other only -> nothing
        Map<Long, List<Prediction>> triggers = Map.of(
                2L, List.of(new Prediction("A", 5), new Prediction("B", 1), new Prediction("A", 9)),
                3L, List.of(new Prediction("A", 5), new Prediction("B", 1)),
                4L, List.of(new Prediction("other", 1)));
        for (long t : new long[] {2, 3, 4}) {
            for (Prediction p : triggers.get(t)) {
                samples.add(new LabeledSample("A", new int[] {100}, t));
                predictions.add(p);
            }
        }
        samples.add(new LabeledSample("B", new int[] {100}, 5));
        predictions.add(new Prediction("B", 0));
        samples.add(new LabeledSample("other", new int[] {50}));
        predictions.add(new Prediction("unknown", 0));
        EventReading r = EventReading.of(samples, predictions, Double.NaN);
        assertThat(r.events().get("A").triggers()).isEqualTo(3);
        assertThat(r.events().get("A").read()).isEqualTo(1);
        assertThat(r.events().get("A").bursts()).isEqualTo(6);
        assertThat(r.events().get("A").precision()).isEqualTo(1.0);
        assertThat(r.events().get("B").precision()).isEqualTo(1.0 / 3);
        assertThat(r.falseAlarmRate()).as("unknown raises no alarm").isZero();
        Separation ab = r.pairs().get(0);
        assertThat(ab.units()).as("the trigger read as neither is not counted").isEqualTo(3);
        assertThat(ab.right()).isEqualTo(2);
        assertThat(ab.accuracy()).as("balanced: A's counted triggers 1 of 2 right, B's 1 of 1").isEqualTo(0.75);
        assertThat(ab.chance()).isEqualTo(0.5);
    }
}
