package org.iotevent.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Values printed by CPython 3.11: {@code random.Random(0).shuffle(list(range(10)))} and so on. */
class PythonRandomTest {
    @Test
    void drawsWhatCPythonDraws() {
        List<Integer> l = new ArrayList<>(IntStream.range(0, 10).boxed().toList());
        new PythonRandom(0).shuffle(l);
        assertThat(l).containsExactly(7, 8, 1, 5, 3, 4, 2, 0, 9, 6);
        PythonRandom r = new PythonRandom(7);
        assertThat(r.bits(32)).isEqualTo(1390851128L);
        assertThat(r.bits(3)).isEqualTo(7L);
    }
}
