package org.iotevent.cli;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Bursts per label of one device, read as a map. Counted by the label's identity first: a
 * classifier answers with the same few string objects, a million times a run (no hashing, no
 * boxing a burst).
 */
final class LabelCounts extends AbstractMap<String, Integer> {
    private String[] labels = new String[8];
    private int[] counts = new int[8];
    private int size;

    /** Counts one burst of {@code label}. */
    void add(String label) {
        for (int i = 0; i < size; i++) {
            if (labels[i] == label) {
                counts[i]++;
                return;
            }
        }
        for (int i = 0; i < size; i++) {
            if (labels[i].equals(label)) {
                labels[i] = label; // the object the classifier answers with now
                counts[i]++;
                return;
            }
        }
        if (size == labels.length) {
            labels = Arrays.copyOf(labels, 2 * size);
            counts = Arrays.copyOf(counts, 2 * size);
        }
        labels[size] = label;
        counts[size++] = 1;
    }

    @Override
    public Set<Map.Entry<String, Integer>> entrySet() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            m.put(labels[i], counts[i]);
        }
        return m.entrySet();
    }
}
