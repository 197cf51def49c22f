package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Labels counted by identity read as the map a plain merge of their texts gives. */
class LabelCountsTest {
    @Test
    void countsAsAMapOfTheLabelsTexts() {
        Random r = new Random(3);
        String[] labels = {"on", "off", "other", "timer", "usb_on", "usb_off", "schedule", "away_mode", "mode", "colour",
            "brightness", "scene"};
        for (int run = 0; run < 50; run++) {
            LabelCounts counts = new LabelCounts();
            Map<String, Integer> plain = new HashMap<>();
            int n = r.nextInt(2000);
            int kinds = 1 + r.nextInt(labels.length);
            for (int i = 0; i < n; i++) {
                String label = labels[r.nextInt(kinds)];
                // now and then the same text as another object (another classifier's answer)
                String seen = r.nextInt(10) == 0 ? new String(label) : label;
                counts.add(seen);
                plain.merge(seen, 1, Integer::sum);
            }
            assertThat(counts).isEqualTo(plain);
            assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(n);
        }
    }
}
