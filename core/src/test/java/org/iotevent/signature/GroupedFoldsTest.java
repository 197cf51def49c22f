package org.iotevent.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupedFoldsTest {
    private static final int[] V = {100, -60};

    @Test
    void triggersNeverStraddleFoldsAndLabelsSpreadEvenly() {
        List<LabeledSample> samples = new ArrayList<>();
        for (int t = 0; t < 10; t++) { // ten triggers of "on", each cut into three bursts
            for (int b = 0; b < 3; b++) {
                samples.add(new LabeledSample("on", V, t));
            }
        }
        for (int i = 0; i < 50; i++) {
            samples.add(new LabeledSample(org.iotevent.traffic.EventPairer.OTHER, V));
        }
        int[] fold = StratifiedSplit.groupedFolds(samples, 5, 7);
        Map<Long, Integer> foldOfTrigger = new HashMap<>();
        int[] onPerFold = new int[5];
        int[] otherPerFold = new int[5];
        for (int i = 0; i < samples.size(); i++) {
            LabeledSample s = samples.get(i);
            if (s.trigger() != LabeledSample.OWN_GROUP) {
                Integer before = foldOfTrigger.putIfAbsent(s.trigger(), fold[i]);
                assertThat(before == null ? fold[i] : before).as("trigger %d", s.trigger()).isEqualTo(fold[i]);
                onPerFold[fold[i]]++;
            } else {
                otherPerFold[fold[i]]++;
            }
        }
        assertThat(onPerFold).containsOnly(6);
        assertThat(otherPerFold).containsOnly(10);
        assertThat(StratifiedSplit.groupedFolds(samples, 5, 7)).isEqualTo(fold);
        assertThat(StratifiedSplit.groupedFolds(samples, 5, 8)).isNotEqualTo(fold);
    }
}
