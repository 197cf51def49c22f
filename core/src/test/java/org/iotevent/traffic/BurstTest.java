package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A burst cannot be changed from outside: what it was given and what it gives are copies, its own array read only. */
class BurstTest {
    @Test
    void theArrayGivenAndTheArrayTakenAreCopies() {
        int[] lengths = {-100, 200, -60};
        Burst b = new Burst(10, 20, 1, 3, lengths);
        lengths[0] = 5;
        b.signedLengths()[1] = 7;
        assertThat(b.signedLengths()).containsExactly(-100, 200, -60);
        assertThat(b.sharedSignedLengths()).containsExactly(-100, 200, -60).isSameAs(b.sharedSignedLengths());
        assertThat(b.packetCount()).isEqualTo(3);
        assertThat(b).hasToString("Burst[startNanos=10, endNanos=20, firstFrame=1, lastFrame=3, signedLengths=[-100, 200, -60]]");
    }

    @Test
    void theSegmentersBurstKeepsItsLengthsWhileTheSegmenterGoesOn() {
        List<Burst> out = new ArrayList<>();
        BurstSegmenter s = new BurstSegmenter(1_000, 100, out::add);
        s.add(0, 1, -100);
        s.add(10, 2, 200);
        s.add(5_000, 3, -70); // closes the first burst, reuses the segmenter's array
        s.add(5_010, 4, 80);
        s.flush();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).sharedSignedLengths()).containsExactly(-100, 200);
        assertThat(out.get(1).sharedSignedLengths()).containsExactly(-70, 80);
        assertThat(out.get(0).sharedSignedLengths()).isNotSameAs(out.get(1).sharedSignedLengths());
    }

    @Test
    void aBurstNeedsPacketsOfNonZeroLengthAndAnEndAfterItsStart() {
        assertThatThrownBy(() -> new Burst(0, 1, 1, 1, new int[0])).hasMessageContaining("at least one packet");
        assertThatThrownBy(() -> new Burst(0, 1, 1, 2, new int[] {5, 0})).hasMessageContaining("length of 0");
        assertThatThrownBy(() -> new Burst(2, 1, 1, 1, new int[] {5})).hasMessageContaining("before it starts");
    }
}
