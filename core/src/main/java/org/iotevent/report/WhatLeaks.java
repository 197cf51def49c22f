package org.iotevent.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.iotevent.evaluate.Binomial;
import org.iotevent.signature.Separation;
import org.iotevent.signature.Verdict;
import org.iotevent.signature.Verdicts;

/**
 * One plain sentence of what leaks from a device, from its verdicts and leakage figures: which
 * events an eavesdropper reads and how often (with the exact 95 % interval over their triggers),
 * which pairs of events it cannot tell apart or has too few triggers to judge, which events hide
 * in the device's own traffic, and how many bits any attack could learn.
 */
final class WhatLeaks {
    /** Pairs named one by one, at most; the rest are counted. */
    static final int PAIRS_NAMED = 3;

    private WhatLeaks() {}

    /**
     * The sentence, as plain text (the caller escapes it).
     *
     * @param vantage where the eavesdropper sits (e.g. WAN), or null
     * @param events the device's events, in display order
     * @param v the verdicts
     * @param reads per event, triggers and how many were read right; may lack events
     * @param leakage bits leaked, or null
     */
    static String sentence(String vantage, List<String> events, Verdicts v, Map<String, Measurement.Reads> reads,
            LeakageView leakage) {
        String who = vantage == null ? "An eavesdropper" : "From " + (vantage.equals("WAN") ? "the WAN" : vantage)
                + ", an eavesdropper";
        List<String> told = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        List<String> unsure = new ArrayList<>();
        for (String e : events) {
            Separation x = v.events().get(e);
            if (x == null) {
                continue;
            }
            (x.verdict() == Verdict.DISTINGUISHABLE ? told : x.verdict() == Verdict.INDISTINGUISHABLE ? hidden : unsure).add(e);
        }
        List<String> parts = new ArrayList<>();
        if (told.isEmpty()) {
            parts.add(who + " tells no event from the device's own traffic");
        } else {
            int triggers = 0;
            int read = 0;
            for (String e : told) {
                Measurement.Reads r = reads.get(e);
                if (r != null) {
                    triggers += r.triggers();
                    read += r.read();
                }
            }
            String which = told.size() == events.size() ? (events.size() == 1 ? "its one event, " + told.get(0) + ","
                    : events.size() == 2 ? "both events" : "all " + events.size() + " events") : list(told);
            String how = "";
            if (triggers > 0) {
                double[] ci = Binomial.clopperPearson(read, triggers);
                how = String.format(Locale.ROOT, " and names %.0f %% [%.0f, %.0f] of their %d triggers right",
                        100.0 * read / triggers, 100 * ci[0], 100 * ci[1], triggers);
            } else if (!Double.isNaN(v.eventsRead())) {
                how = String.format(Locale.ROOT, " and names %.0f %% of the triggers of each event right, on average",
                        100 * v.eventsRead());
            }
            parts.add(who + " tells " + which + " from the device's own traffic" + how);
        }
        List<String> confused = new ArrayList<>();
        List<Separation> undecidedPairs = v.pairs().stream().filter(p -> p.verdict() == Verdict.UNDECIDED).toList();
        for (Separation p : v.pairs()) {
            if (p.verdict() == Verdict.INDISTINGUISHABLE) {
                confused.add(p.events().get(0) + " cannot be told from " + p.events().get(1));
            }
        }
        List<String> undecided = new ArrayList<>();
        if (undecidedPairs.size() == 1) {
            Separation p = undecidedPairs.get(0);
            undecided.add("whether " + p.events().get(0) + " can be told from " + p.events().get(1)
                    + " is undecided (" + p.units() + " triggers" + (p.moreUnits() > 0 ? ", about " + p.moreUnits()
                            + " more would decide" : "") + ")");
        } else if (!undecidedPairs.isEmpty()) {
            int few = undecidedPairs.stream().mapToInt(Separation::units).min().orElse(0);
            int many = undecidedPairs.stream().mapToInt(Separation::units).max().orElse(0);
            undecided.add(undecidedPairs.size() + " pairs of events are undecided (" + (few == many ? few + " triggers each"
                    : few + " to " + many + " triggers") + ": too few to tell)");
        }
        if (!v.pairs().isEmpty() && confused.isEmpty() && undecided.isEmpty() && !told.isEmpty()) {
            parts.set(0, parts.get(0) + (told.size() > 1 ? ", and tells every pair of events apart" : ""));
        }
        parts.addAll(named(confused, "pairs cannot be told apart"));
        parts.addAll(undecided);
        if (!hidden.isEmpty()) {
            parts.add(list(hidden) + (hidden.size() == 1 ? " hides" : " hide") + " in the device's own traffic");
        }
        if (!unsure.isEmpty()) {
            parts.add("whether " + list(unsure) + (unsure.size() == 1 ? " stands" : " stand")
                    + " out from the device's own traffic is undecided");
        }
        if (leakage != null) {
            parts.add(String.format(Locale.ROOT, "any attack on these bursts could learn %.2f of %.2f bits", leakage.bits()
                    .value(), leakage.entropyBits()) + (leakage.eventBits() == null ? "" : String.format(Locale.ROOT,
                            " (%.2f of %.2f between the events alone)", leakage.eventBits().value(),
                            leakage.eventEntropyBits())));
        }
        return String.join("; ", parts) + ".";
    }

    private static List<String> named(List<String> clauses, String rest) {
        if (clauses.size() <= PAIRS_NAMED) {
            return clauses;
        }
        List<String> out = new ArrayList<>(clauses.subList(0, PAIRS_NAMED));
        out.add((clauses.size() - PAIRS_NAMED) + " more " + rest);
        return out;
    }

    private static String list(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
