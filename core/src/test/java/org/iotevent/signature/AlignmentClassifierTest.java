package org.iotevent.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlignmentClassifierTest {

    private static final int[] ON = {120, -40, 88, -40, -72, 40};
    private static final int[] OFF = {120, -40, 104, -40, -72, 40};
    private static final int[] HEARTBEAT = {-44, 44};

    private static AlignmentClassifier trained(OpenSetRule rule) {
        List<int[]> bursts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bursts.add(jitter(ON, i));
            labels.add("light_on");
            bursts.add(jitter(OFF, i));
            labels.add("light_off");
            bursts.add(HEARTBEAT);
            labels.add("other");
        }
        return AlignmentClassifier.calibrated(bursts, labels, 1, rule);
    }

    private static int[] jitter(int[] x, int amount) {
        int[] y = x.clone();
        y[0] += amount;
        return y;
    }

    @Test
    void burstWithAnInterleavedPacketKeepsItsEvent() {
        int[] onWithKeepAlive = {120, -40, -44, 88, -40, -72, 40};
        AlignmentClassifier.Match p = trained(OpenSetRule.DEFAULT).match(onWithKeepAlive);
        assertThat(p.label()).isEqualTo("light_on");
        assertThat(p.distance()).isGreaterThan(0);
    }

    @Test
    void burstWithALostPacketKeepsItsEvent() {
        int[] offMissingAck = {120, -40, 104, -72, 40};
        assertThat(trained(OpenSetRule.DEFAULT).match(offMissingAck).label()).isEqualTo("light_off");
    }

    @Test
    void burstUnlikeEveryTrainingSampleIsUnknown() {
        int[] firmwareDownload = {1500, 1500, 1500, -40, 1500, 1500, -40, 1500};
        AlignmentClassifier open = trained(OpenSetRule.DEFAULT);
        AlignmentClassifier.Match p = open.match(firmwareDownload);
        assertThat(p.unknown()).isTrue();
        assertThat(p.label()).isEqualTo(AlignmentClassifier.UNKNOWN);
        assertThat(p.distance()).isGreaterThan(open.threshold());
        assertThat(trained(OpenSetRule.CLOSED).match(firmwareDownload).unknown()).isFalse();
    }

    @Test
    void thresholdIsCalibratedFromLeaveOneOutDistances() {
        AlignmentClassifier c = trained(new OpenSetRule(1.0, 2.0, 0.0));
        double[] loo = trained(OpenSetRule.CLOSED).leaveOneOutDistances();
        assertThat(loo).hasSize(15).isSorted();
        assertThat(c.threshold()).isEqualTo(loo[14] * 2.0);
        assertThat(trained(OpenSetRule.DEFAULT).threshold()).isGreaterThanOrEqualTo(OpenSetRule.DEFAULT.floor());
    }

    @Test
    void tiedNeighboursVoteAndTiesGoToTheSmallerLabel() {
        List<int[]> bursts = List.of(ON, ON, ON, OFF);
        AlignmentClassifier c = new AlignmentClassifier(bursts, List.of("b", "a", "b", "a"), 1, 1.0);
        assertThat(c.match(ON).label()).isEqualTo("b");
        AlignmentClassifier even = new AlignmentClassifier(List.of(ON, ON), List.of("b", "a"), 1, 1.0);
        assertThat(even.match(ON).label()).isEqualTo("a");
        AlignmentClassifier heartbeat = new AlignmentClassifier(List.of(HEARTBEAT, HEARTBEAT), List.of("alarm", "other"), 1, 1.0);
        assertThat(heartbeat.match(HEARTBEAT).label()).as("an event tied with other").isEqualTo("other");
    }

    @Test
    void searchPruningNeverChangesTheAnswer() {
        java.util.Random r = new java.util.Random(7);
        List<int[]> bursts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int[] b = new int[2 + r.nextInt(12)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (40 + r.nextInt(200)) * (r.nextBoolean() ? 1 : -1);
            }
            bursts.add(b);
            labels.add("e" + r.nextInt(5));
        }
        for (int cap : new int[] {AlignmentClassifier.DEFAULT_GAP_CAP, AlignmentClassifier.UNCAPPED}) {
            AlignmentClassifier c = new AlignmentClassifier(bursts, null, labels, 1, 1.0, 0, cap);
            AlignmentDistance d = new AlignmentDistance(cap);
            for (int q = 0; q < 100; q++) {
                int[] query = bursts.get(r.nextInt(bursts.size())).clone();
                query[r.nextInt(query.length)] += 3;
                double best = 2;
                for (int[] b : bursts) {
                    best = Math.min(best, (double) d.distance(query, b, Integer.MAX_VALUE) / (capped(query, cap) + capped(b, cap)));
                }
                assertThat(c.match(query).distance()).isEqualTo(best);
            }
        }
    }

    /**
     * The memo keeps the two latest bursts of a set: three bursts of one set, met in turn, are
     * searched when the least recent of the set was replaced, and not when they are still there;
     * a burst longer than it remembers is looked for again every time.
     */
    @Test
    void theMemoKeepsTheTwoLatestBurstsOfASet() {
        AlignmentClassifier c = trained(OpenSetRule.DEFAULT);
        List<int[]> sameSet = new ArrayList<>();
        int target = -1;
        for (int x = 1; sameSet.size() < 3; x++) {
            int[] b = {x, -40, 88};
            int set = (java.util.Arrays.hashCode(b) & 0x7fffffff) % AlignmentClassifier.MEMO_SETS;
            if (target < 0) {
                target = set;
            }
            if (set == target) {
                sameSet.add(b);
            }
        }
        int[] a = sameSet.get(0);
        int[] b = sameSet.get(1);
        int[] d = sameSet.get(2);
        long before = c.searches();
        c.match(a);
        c.match(b);
        assertThat(c.searches() - before).isEqualTo(2);
        c.match(a); // in the set's second place: found, and now the most recent
        c.match(b);
        c.match(a);
        assertThat(c.searches() - before).as("both still remembered").isEqualTo(2);
        c.match(d); // replaces b, the least recent
        c.match(a);
        c.match(d);
        assertThat(c.searches() - before).isEqualTo(3);
        c.match(b);
        assertThat(c.searches() - before).as("b was replaced").isEqualTo(4);
        c.match(d);
        assertThat(c.searches() - before).as("b replaced a, not d").isEqualTo(4);
        int[] longBurst = new int[AlignmentClassifier.MEMO_MAX_PACKETS + 1];
        java.util.Arrays.fill(longBurst, 120);
        c.match(longBurst);
        c.match(b);
        c.match(longBurst);
        assertThat(c.searches() - before).as("a long burst is not remembered").isEqualTo(6);
    }

    /**
     * The search's k nearest (pruned by lower bounds, alignments cut at the k-th distance so far), their
     * vote and the distance are those of every sample compared, also among many ties (bursts of few
     * lengths, several samples of one burst under different labels).
     */
    @Test
    void theSearchGivesTheVoteOfEverySampleCompared() {
        java.util.Random r = new java.util.Random(13);
        int[] lengths = {60, 100, 140, 1500};
        List<int[]> bursts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int[] b = new int[1 + r.nextInt(4)];
            for (int j = 0; j < b.length; j++) {
                b[j] = lengths[r.nextInt(lengths.length)] * (r.nextBoolean() ? 1 : -1);
            }
            bursts.add(b);
            labels.add("e" + r.nextInt(4));
        }
        AlignmentDistance d = new AlignmentDistance(AlignmentClassifier.DEFAULT_GAP_CAP);
        for (int k : new int[] {1, 3, 7}) {
            AlignmentClassifier c = new AlignmentClassifier(bursts, labels, k, 1.0);
            for (int q = 0; q < 150; q++) {
                int[] query = q % 3 == 0 ? bursts.get(r.nextInt(bursts.size())).clone() : new int[1 + r.nextInt(5)];
                for (int j = 0; q % 3 != 0 && j < query.length; j++) {
                    query[j] = lengths[r.nextInt(lengths.length)] * (r.nextBoolean() ? 1 : -1) + r.nextInt(3);
                }
                double[] dist = new double[bursts.size()];
                for (int i = 0; i < dist.length; i++) {
                    int[] b = bursts.get(i);
                    dist[i] = (double) d.distance(query, b, Integer.MAX_VALUE)
                            / (capped(query, AlignmentClassifier.DEFAULT_GAP_CAP) + capped(b, AlignmentClassifier.DEFAULT_GAP_CAP));
                }
                double[] sorted = dist.clone();
                java.util.Arrays.sort(sorted);
                double kth = sorted[k - 1];
                java.util.Map<String, Integer> votes = new java.util.TreeMap<>();
                for (int i = 0; i < dist.length; i++) {
                    if (dist[i] <= kth) {
                        votes.merge(labels.get(i), 1, Integer::sum);
                    }
                }
                int most = java.util.Collections.max(votes.values());
                String expected = votes.entrySet().stream().filter(e -> e.getValue() == most).findFirst().orElseThrow().getKey();
                AlignmentClassifier.Match m = c.match(query);
                assertThat(m.distance()).as("k %d, query %s", k, java.util.Arrays.toString(query)).isEqualTo(Math.min(1.0, sorted[0]));
                assertThat(m.label()).as("k %d, query %s, votes %s", k, java.util.Arrays.toString(query), votes).isEqualTo(expected);
            }
        }
    }

    @Test
    void timingSeparatesBurstsWithEqualLengthsWhenEnabled() {
        int[] lengths = {120, -40, 88};
        long ms = 1_000_000L;
        int[] quick = AlignmentDistance.logGaps(new long[] {0, 5 * ms, 10 * ms});
        int[] slow = AlignmentDistance.logGaps(new long[] {0, 900 * ms, 1800 * ms});
        List<int[]> bursts = List.of(lengths, lengths);
        List<int[]> gaps = List.of(quick, slow);
        List<String> labels = List.of("local", "cloud");
        int[] query = AlignmentDistance.logGaps(new long[] {0, 700 * ms, 1500 * ms});
        AlignmentClassifier timed = new AlignmentClassifier(bursts, gaps, labels, 1, 1.0, 40, AlignmentClassifier.UNCAPPED);
        assertThat(timed.match(lengths, query).label()).isEqualTo("cloud");
        assertThat(timed.match(lengths, quick).label()).isEqualTo("local");
        AlignmentClassifier untimed = new AlignmentClassifier(bursts, gaps, labels, 1, 1.0, 0, AlignmentClassifier.UNCAPPED);
        assertThat(untimed.match(lengths, query).distance()).isZero();
    }

    private static long capped(int[] x, int cap) {
        long s = 0;
        for (int v : x) {
            s += Math.min(cap, Math.abs(v));
        }
        return s;
    }

    @Test
    void aLargeInterleavedPacketCostsNoMoreThanTheCap() {
        int[] on = {180, -102, -148, 89, -40};
        int[] off = {181, -102, -153, 89, -40};
        int[] onWithReport = {180, -102, -148, -219, 89, -40};
        AlignmentClassifier capped = new AlignmentClassifier(List.of(on, off), List.of("on", "off"), 1, 1.0);
        assertThat(capped.match(onWithReport).label()).isEqualTo("on");
        assertThat(capped.match(onWithReport).bytes()).isEqualTo(AlignmentClassifier.DEFAULT_GAP_CAP);
    }

    @Test
    void rejectsInconsistentTrainingData() {
        assertThatThrownBy(() -> new AlignmentClassifier(List.of(ON), List.of(), 1, 1.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlignmentClassifier(List.of(new int[0]), List.of("a"), 1, 1.0))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> new AlignmentClassifier(List.of(ON), List.of("a"), 0, 1.0))
                .hasMessageContaining("k must be");
    }

    /**
     * The answers' memo (sets of two by the burst's hash, the least recent replaced) gives what a fresh
     * classifier gives, for bursts met again, in either place of their set, and for more distinct
     * bursts than it has places (answers replaced by others').
     */
    @Test
    void rememberedAnswersAreTheAnswersOfAFreshClassifier() {
        java.util.Random r = new java.util.Random(11);
        List<int[]> bursts = new ArrayList<>();
        for (int i = 0; i < 12000; i++) {
            int[] b = new int[1 + r.nextInt(6)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (r.nextBoolean() ? 1 : -1) * (40 + r.nextInt(100));
            }
            bursts.add(b);
        }
        AlignmentClassifier remembering = trained(OpenSetRule.DEFAULT);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < bursts.size(); i += pass == 0 ? 1 : 7) {
                int[] b = bursts.get(i);
                AlignmentClassifier.Match fresh = trained(OpenSetRule.DEFAULT).match(b);
                assertThat(remembering.match(b)).as("burst %d", i).isEqualTo(fresh);
                assertThat(remembering.classify(b)).isEqualTo(new Prediction(fresh.label(), fresh.bytes()));
            }
        }
    }
}
