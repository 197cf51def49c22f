package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.evaluate.Evaluator;
import org.iotevent.evaluate.EventReading;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.PaperTrainer;
import org.junit.jupiter.api.Test;

class ReadingTextTest {
    /** {@code events} events of distinct lengths, the first two identical, 40 triggers each, and own traffic. */
    private static EventReading reading(int events) {
        List<LabeledSample> samples = new ArrayList<>();
        long line = 2;
        for (int t = 0; t < 40; t++) {
            for (int e = 0; e < events; e++) {
                int first = e < 2 ? 300 : 300 + 50 * e;
                samples.add(new LabeledSample("e" + e, new int[] {-first, 100 + t % 4}, line++));
            }
            samples.add(new LabeledSample("other", new int[] {-60, 60}));
        }
        return new Evaluator(new PaperTrainer(new int[] {1}, 1), null, new int[0]).crossValidate(samples, 1, Double.NaN);
    }

    private static String print(EventReading r) {
        StringWriter out = new StringWriter();
        ReadingText.print(new PrintWriter(out, true), r);
        return out.toString();
    }

    @Test
    void fewPairsArePrintedInFullManyAsTheOnesNotToldApartAndACount() {
        String few = print(reading(4));
        assertThat(few.lines().filter(l -> l.contains(" can be told apart") || l.contains(" cannot be told apart")
                || l.contains(": undecided"))).as("6 pairs").hasSize(6);
        String many = print(reading(6));
        assertThat(many).containsPattern("e0 and e1 (cannot be told apart|: undecided)")
                .contains("the other 14 pairs of events can be told apart")
                .as("e1 is always taken for e0, never for e2").doesNotContain("e1 and e2").doesNotContain("e2 and e3 can be told apart");
        assertThat(many.lines().findFirst().orElseThrow()).startsWith("events read ");
    }
}
