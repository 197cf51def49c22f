package org.iotevent.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SampleCleanerTest {

    private static final int[] ON = {180, -102, -148, 89, -40};

    @Test
    void interleavedPacketsAreRemovedAndTheEventsPacketsKept() {
        Random r = new Random(3);
        List<int[]> bursts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int[] b = ON.clone();
            b[0] += r.nextInt(3);
            if (i % 3 == 0) {
                int at = 1 + r.nextInt(b.length - 1);
                int[] noisy = new int[b.length + 1];
                System.arraycopy(b, 0, noisy, 0, at);
                noisy[at] = -(100 + r.nextInt(150));
                System.arraycopy(b, at, noisy, at + 1, b.length - at);
                b = noisy;
            }
            bursts.add(b);
            labels.add("on");
        }
        List<int[]> cleaned = SampleCleaner.clean(bursts, labels);
        for (int i = 0; i < bursts.size(); i++) {
            int[] c = cleaned.get(i);
            assertThat(Arrays.copyOfRange(c, 1, c.length)).as("sample %d", i)
                    .containsExactly(Arrays.copyOfRange(ON, 1, ON.length));
        }
        assertThat(bursts.get(0)).hasSize(ON.length + 1);
    }

    @Test
    void otherTrafficAndSmallEventsAreLeftAsTheyAre() {
        List<int[]> bursts = List.of(new int[] {-44, 44}, new int[] {-44, 44, -900}, new int[] {-44, 44},
                new int[] {100, -40, 7}, new int[] {100, -40});
        List<String> labels = List.of("other", "other", "other", "rare", "rare");
        assertThat(SampleCleaner.clean(bursts, labels)).containsExactlyElementsOf(bursts);
    }

    /**
     * The alignment within a band around the diagonal matches the same packets as the whole table: on pairs
     * alike (jitter, an interleaved packet, a lost one), of unequal lengths, of opposite directions and of
     * tiny packets, where the band must widen.
     */
    @Test
    void theBandMatchesWhatTheWholeTableMatches() {
        Random r = new Random(5);
        for (int round = 0; round < 20_000; round++) {
            int[] x = burst(r);
            int[] y = switch (round % 4) {
                case 0 -> burst(r);
                case 1 -> jittered(x, r);
                case 2 -> Arrays.copyOfRange(jittered(x, r), r.nextInt(2), x.length);
                default -> interleaved(jittered(x, r), r);
            };
            if (y.length == 0) {
                continue;
            }
            int[] banded = new int[x.length];
            int[] whole = new int[x.length];
            SampleCleaner.matched(x, y, banded, false);
            SampleCleaner.matched(x, y, whole, true);
            assertThat(banded).as("%s against %s", Arrays.toString(x), Arrays.toString(y)).containsExactly(whole);
        }
    }

    private static int[] burst(Random r) {
        int[] b = new int[1 + r.nextInt(r.nextInt(5) == 0 ? 60 : 16)];
        for (int p = 0; p < b.length; p++) {
            int len = r.nextInt(4) == 0 ? 1 + r.nextInt(12) : 40 + r.nextInt(1400);
            b[p] = r.nextBoolean() ? len : -len;
        }
        return b;
    }

    private static int[] jittered(int[] x, Random r) {
        int[] y = x.clone();
        for (int p = 0; p < y.length; p++) {
            if (r.nextInt(3) == 0) {
                y[p] += Integer.signum(y[p]) * r.nextInt(12);
            }
        }
        return y;
    }

    private static int[] interleaved(int[] x, Random r) {
        int at = r.nextInt(x.length + 1);
        int[] y = new int[x.length + 1];
        System.arraycopy(x, 0, y, 0, at);
        y[at] = r.nextBoolean() ? 52 : -(60 + r.nextInt(500));
        System.arraycopy(x, at, y, at + 1, x.length - at);
        return y;
    }
}
