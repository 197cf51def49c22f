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
}
