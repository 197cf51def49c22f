package org.iotevent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iotevent.evaluate.leakage.Estimate;
import org.iotevent.signature.Separation;
import org.iotevent.signature.Verdict;
import org.iotevent.signature.Verdicts;
import org.junit.jupiter.api.Test;

class WhatLeaksTest {
    private static Separation alone(String e, Verdict v) {
        return new Separation(List.of(e), 29, 30, 29 / 30.0, 0.0, 0.83, 1.0, 0, v, 0);
    }

    @Test
    void saysWhatIsReadWhatIsConfusedAndWhatHides() {
        TreeMap<String, Separation> against = new TreeMap<>();
        against.put("on", alone("on", Verdict.DISTINGUISHABLE));
        against.put("off", alone("off", Verdict.DISTINGUISHABLE));
        against.put("brightness", alone("brightness", Verdict.DISTINGUISHABLE));
        against.put("colour", alone("colour", Verdict.DISTINGUISHABLE));
        against.put("timer", alone("timer", Verdict.INDISTINGUISHABLE));
        Verdicts v = new Verdicts(0.8, 0.01, Double.NaN, 0.15, against, List.of(
                new Separation(List.of("brightness", "colour"), 16, 30, 0.53, 0.5, 0.34, 0.72, 0.43,
                        Verdict.INDISTINGUISHABLE, 0),
                new Separation(List.of("off", "on"), 60, 60, 1.0, 0.5, 0.94, 1.0, 0, Verdict.DISTINGUISHABLE, 0)));
        Map<String, Measurement.Reads> reads = Map.of("on", new Measurement.Reads(30, 29), "off", new Measurement.Reads(30,
                29), "brightness", new Measurement.Reads(30, 16), "colour", new Measurement.Reads(30, 14),
                "timer", new Measurement.Reads(30, 0));
        LeakageView leakage = new LeakageView(new Estimate(1.8, 1.7, 1.9), 2.3, 0.95, null, Double.NaN);
        String s = WhatLeaks.sentence("WAN", List.of("on", "off", "brightness", "colour", "timer"), v, reads, leakage);
        assertThat(s).startsWith("From the WAN, an eavesdropper tells on, off, brightness and colour from the device's own "
                + "traffic and names 73 % [")
                .contains("of their 120 triggers right; brightness cannot be told from colour; timer hides in the device's "
                        + "own traffic; any attack on these bursts could learn 1.80 of 2.30 bits.")
                .doesNotContain("every pair");
    }

    @Test
    void manyUndecidedPairsAreCountedNotListed() {
        TreeMap<String, Separation> against = new TreeMap<>();
        List<Separation> pairs = new java.util.ArrayList<>();
        List<String> events = List.of("a", "b", "c", "d");
        for (String e : events) {
            against.put(e, alone(e, Verdict.DISTINGUISHABLE));
        }
        for (int i = 0; i < 4; i++) {
            for (int j = i + 1; j < 4; j++) {
                pairs.add(new Separation(List.of(events.get(i), events.get(j)), 6, 6, 1.0, 0.5, 0.54, 1.0, 0.016,
                        Verdict.UNDECIDED, 5));
            }
        }
        String s = WhatLeaks.sentence(null, events, new Verdicts(1, 0, Double.NaN, 0.15, against, pairs), Map.of(), null);
        assertThat(s).isEqualTo("An eavesdropper tells all 4 events from the device's own traffic and names 100 % of the "
                + "triggers of each event right, on average; 6 pairs of events are undecided (6 triggers each: too few to tell).");
    }
}
