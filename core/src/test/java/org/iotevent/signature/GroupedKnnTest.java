package org.iotevent.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.iotevent.traffic.EventPairer;
import org.junit.jupiter.api.Test;

class GroupedKnnTest {
    static LabeledSample s(String label, int... v) {
        return new LabeledSample(label, v);
    }

    @Test
    void comparesOnlyWithinTheSamePacketCount() {
        GroupedKnn knn = new GroupedKnn(List.of(s("ON", -235, 171), s("OFF", -236, 172, 60)), 1);
        Prediction p = knn.classify(new int[] {-236, 172});
        assertThat(p.label()).isEqualTo("ON");
        assertThat(p.distance()).isEqualTo(Math.sqrt(2));
    }

    @Test
    void unknownPacketCountIsOtherWithInfiniteDistance() {
        GroupedKnn knn = new GroupedKnn(List.of(s("ON", -235, 171)), 1);
        Prediction p = knn.classify(new int[] {100});
        assertThat(p.label()).isEqualTo(EventPairer.OTHER);
        assertThat(p.comparable()).isFalse();
    }

    @Test
    void majorityOfKWins() {
        GroupedKnn knn = new GroupedKnn(List.of(s("A", 100), s("B", 102), s("B", 103), s("A", 200)), 3);
        assertThat(knn.classify(new int[] {101}).label()).isEqualTo("B");
        assertThat(new GroupedKnn(List.of(s("A", 100), s("B", 102), s("B", 103)), 1).classify(new int[] {101}).label())
                .isEqualTo("A");
    }

    @Test
    void voteTieGoesToTheLexicographicallySmallerLabel() {
        GroupedKnn knn = new GroupedKnn(List.of(s("zeta", 100), s("alpha", 110)), 2);
        assertThat(knn.classify(new int[] {101}).label()).isEqualTo("alpha");
        assertThat(knn.classify(new int[] {101}).distance()).isEqualTo(9.0);
    }

    @Test
    void equalDistancesRankBySmallerLabelWhateverTheSampleOrder() {
        List<LabeledSample> a = List.of(s("timer", -267, 123), s("power", -267, 123));
        List<LabeledSample> b = List.of(s("power", -267, 123), s("timer", -267, 123));
        assertThat(new GroupedKnn(a, 1).classify(new int[] {-267, 123}).label()).isEqualTo("power");
        assertThat(new GroupedKnn(b, 1).classify(new int[] {-267, 123}).label()).isEqualTo("power");
    }

    @Test
    void kLargerThanTheGroupUsesTheWholeGroup() {
        GroupedKnn knn = new GroupedKnn(List.of(s("A", 1), s("B", 5), s("B", 6)), 9);
        assertThat(knn.classify(new int[] {1}).label()).isEqualTo("B");
    }

    @Test
    void aTieBetweenAnEventAndOtherGoesToOtherWhateverTheNames() {
        for (String event : List.of("alarm", "unlock")) { // before and after "other" in lexicographic order
            List<LabeledSample> heartbeatAndEvent = List.of(s(event, -58, 58), s(EventPairer.OTHER, -58, 58));
            Prediction p = new GroupedKnn(heartbeatAndEvent, 1).classify(new int[] {-58, 58});
            assertThat(p).as(event).isEqualTo(new Prediction(EventPairer.OTHER, 0.0, true));
            // a vote tie: one neighbour each at different distances
            List<LabeledSample> apart = List.of(s(event, -58, 60), s(EventPairer.OTHER, -58, 50));
            assertThat(new GroupedKnn(apart, 2).classify(new int[] {-58, 58})).as(event)
                    .isEqualTo(new Prediction(EventPairer.OTHER, 8.0, true));
        }
    }

    @Test
    void otherWonWithoutATieIsNotCountedAsOne() {
        List<LabeledSample> samples = List.of(s("lock", -58, 60), s(EventPairer.OTHER, -58, 58), s(EventPairer.OTHER, -58, 59));
        GroupedKnn knn = new GroupedKnn(samples, 1);
        assertThat(knn.classify(new int[] {-58, 58})).isEqualTo(new Prediction(EventPairer.OTHER, 0.0, false));
        assertThat(new GroupedKnn(samples, 3).classify(new int[] {-58, 58}).tieToOther()).isFalse();
        assertThat(knn.classify(new int[] {-58, 61})).isEqualTo(new Prediction("lock", 1.0, false));
    }

    @Test
    void whenAnEventAndOtherCompeteForTheLastPlaceEverySampleAsNearVotes() {
        List<LabeledSample> heartbeat = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            heartbeat.add(s(EventPairer.OTHER, -58, 58));
        }
        heartbeat.add(s("alarm", -58, 58)); // a heartbeat that fell in an event's window
        heartbeat.add(s("alarm", -58, 58));
        heartbeat.add(s("alarm", -300, 200));
        assertThat(new GroupedKnn(heartbeat, 1).classify(new int[] {-58, 58}))
                .isEqualTo(new Prediction(EventPairer.OTHER, 0.0, false));
        assertThat(new GroupedKnn(heartbeat, 3).classify(new int[] {-58, 58}).label()).isEqualTo(EventPairer.OTHER);
        List<LabeledSample> exchange = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            exchange.add(s("on", 166, -100));
        }
        exchange.add(s(EventPairer.OTHER, 166, -100)); // the exchange once too late for the pairing window
        assertThat(new GroupedKnn(exchange, 1).classify(new int[] {166, -100})).isEqualTo(new Prediction("on", 0.0, false));
        List<LabeledSample> even = List.of(s("on", 166, -100), s("on", 166, -100), s(EventPairer.OTHER, 166, -100),
                s(EventPairer.OTHER, 166, -100));
        assertThat(new GroupedKnn(even, 1).classify(new int[] {166, -100}))
                .isEqualTo(new Prediction(EventPairer.OTHER, 0.0, true));
    }
}
