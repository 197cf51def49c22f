package org.iotevent.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AlignmentDistanceTest {

    private final AlignmentDistance d = new AlignmentDistance();

    @Test
    void equalBurstsAreAtDistanceZero() {
        int[] x = {72, -40, 40, -72};
        assertThat(d.distance(x, x.clone(), Integer.MAX_VALUE)).isZero();
    }

    @Test
    void anInterleavedPacketCostsItsLength() {
        int[] event = {72, -40, 88, -40};
        int[] withHeartbeat = {72, -40, -44, 88, -40};
        assertThat(d.distance(event, withHeartbeat, Integer.MAX_VALUE)).isEqualTo(44);
    }

    @Test
    void packetsOfOppositeDirectionsAreNeverMatched() {
        assertThat(d.distance(new int[] {100}, new int[] {-100}, Integer.MAX_VALUE)).isEqualTo(200);
        assertThat(d.distance(new int[] {100}, new int[] {90}, Integer.MAX_VALUE)).isEqualTo(10);
    }

    @Test
    void distanceAboveTheBoundIsReportedAsExceeding() {
        int[] x = {72, -40, 88};
        int[] y = {72, -40, 88, -40, -40};
        assertThat(d.distance(x, y, 80)).isEqualTo(80);
        assertThat(d.distance(x, y, 79)).isEqualTo(AlignmentDistance.EXCEEDS);
    }

    @Test
    void cappedPrunedDistanceEqualsFullDynamicProgramming() {
        Random r = new Random(43);
        AlignmentDistance capped = new AlignmentDistance(40);
        for (int trial = 0; trial < 2000; trial++) {
            int[] x = randomBurst(r);
            int[] y = r.nextInt(4) == 0 ? perturb(x, r) : randomBurst(r);
            int full = reference(x, y, 40);
            int bound = r.nextInt(full + 50);
            assertThat(capped.distance(x, y, Integer.MAX_VALUE)).isEqualTo(full);
            assertThat(capped.distance(x, y, bound)).isEqualTo(full <= bound ? full : AlignmentDistance.EXCEEDS);
        }
        assertThat(capped.distance(new int[] {72, -40, 88}, new int[] {72, -40, -1400, 88}, Integer.MAX_VALUE)).isEqualTo(40);
    }

    @Test
    void prunedDistanceEqualsFullDynamicProgrammingForEveryBound() {
        Random r = new Random(42);
        for (int trial = 0; trial < 3000; trial++) {
            int[] x = randomBurst(r);
            int[] y = r.nextInt(4) == 0 ? perturb(x, r) : randomBurst(r);
            int full = reference(x, y, Integer.MAX_VALUE);
            assertThat(d.distance(x, y, Integer.MAX_VALUE)).isEqualTo(full);
            assertThat(d.distance(y, x, Integer.MAX_VALUE)).isEqualTo(full);
            int bound = r.nextInt(full + 50);
            int pruned = d.distance(x, y, bound);
            assertThat(pruned).isEqualTo(full <= bound ? full : AlignmentDistance.EXCEEDS);
            long lb = AlignmentDistance.lowerBound(AlignmentDistance.bytesTowards(x),
                    AlignmentDistance.bytesFrom(x), AlignmentDistance.bytesTowards(y), AlignmentDistance.bytesFrom(y));
            assertThat(lb).isLessThanOrEqualTo(full);
        }
    }

    private static int[] randomBurst(Random r) {
        int[] x = new int[1 + r.nextInt(30)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (20 + r.nextInt(1480)) * (r.nextBoolean() ? 1 : -1);
        }
        return x;
    }

    private static int[] perturb(int[] x, Random r) {
        int[] y = new int[x.length + 1];
        int at = r.nextInt(y.length);
        for (int i = 0, j = 0; i < y.length; i++) {
            y[i] = i == at ? -40 : x[j++] + (r.nextInt(3) - 1);
        }
        return y;
    }

    /** Plain O(nm) edit distance straight from the definition, gaps costing at most {@code cap}. */
    private static int reference(int[] x, int[] y, int cap) {
        int[][] t = new int[x.length + 1][y.length + 1];
        for (int i = 1; i <= x.length; i++) {
            t[i][0] = t[i - 1][0] + Math.min(cap, Math.abs(x[i - 1]));
        }
        for (int j = 1; j <= y.length; j++) {
            t[0][j] = t[0][j - 1] + Math.min(cap, Math.abs(y[j - 1]));
        }
        for (int i = 1; i <= x.length; i++) {
            for (int j = 1; j <= y.length; j++) {
                int a = x[i - 1];
                int b = y[j - 1];
                int ga = Math.min(cap, Math.abs(a));
                int gb = Math.min(cap, Math.abs(b));
                int sub = Integer.signum(a) == Integer.signum(b) ? Math.abs(a - b) : ga + gb;
                t[i][j] = Math.min(t[i - 1][j - 1] + sub, Math.min(t[i - 1][j] + ga, t[i][j - 1] + gb));
            }
        }
        return t[x.length][y.length];
    }
}
