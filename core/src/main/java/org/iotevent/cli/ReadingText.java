package org.iotevent.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.iotevent.evaluate.EventReading;
import org.iotevent.signature.Separation;
import org.iotevent.signature.Verdict;
import org.iotevent.signature.Verdicts;

/**
 * Prints what an eavesdropper reads ({@link EventReading}) the same way in train, evaluate and
 * demo: the headline pair first (events read, false alarms), then each event's recall and
 * precision, then the verdicts in words.
 */
final class ReadingText {
    private ReadingText() {}

    /** The headline pair on one line. */
    static String headline(EventReading r) {
        return String.format(Locale.ROOT, "events read %s (mean recall over %d %s); false alarms %s",
                LearnOptions.percent(r.eventsRead()), r.events().size(), r.events().size() == 1 ? "event" : "events",
                falseAlarms(r));
    }

    /** The false-alarm rate with its counts and rate per day. */
    static String falseAlarms(EventReading r) {
        if (r.ownBursts() == 0) {
            return "n/a (no burst of the device's own traffic)";
        }
        return String.format(Locale.ROOT, "%s of the device's own bursts (%d of %d%s)", LearnOptions.percent(r.falseAlarmRate()),
                r.falseAlarms(), r.ownBursts(), Double.isNaN(r.falseAlarmsPerDay()) ? ""
                        : String.format(Locale.ROOT, ", %.1f a day", r.falseAlarmsPerDay()));
    }

    /** The headline, the table per event, and the verdicts in words. */
    static void print(PrintWriter out, EventReading r) {
        out.println(headline(r));
        out.printf("  %-22s %8s %6s %8s %10s  %s%n", "event", "triggers", "read", "recall", "precision",
                "against the device's own traffic");
        r.events().forEach((name, f) -> out.printf("  %-22s %8d %6d %8s %10s  %s%n", name, f.triggers(), f.read(),
                LearnOptions.percent(f.recall()), LearnOptions.percent(f.precision()), f.againstOwnTraffic().verdict().text()));
        r.events().forEach((name, f) -> out.println("  " + againstOwnTraffic(f.againstOwnTraffic())));
        // many events make many pairs: then only the pairs not told apart are spelt out
        boolean all = r.pairs().size() <= MAX_PAIRS_IN_FULL;
        int apart = 0;
        for (Separation x : r.pairs()) {
            if (!all && x.verdict() == Verdict.DISTINGUISHABLE) {
                apart++;
                continue;
            }
            out.println("  " + pair(x, eachAlerts(r, x)));
        }
        if (apart > 0) {
            out.println("  the other " + apart + " pairs of events can be told apart (every pair is in evaluate --json)");
        }
    }

    /** Up to this many pairs are printed in full. */
    static final int MAX_PAIRS_IN_FULL = 10;

    /** One event against the device's own traffic, in words. */
    static String againstOwnTraffic(Separation x) {
        String e = x.events().get(0);
        String figures = String.format(Locale.ROOT, "%s of %d %s raise an alert, chance %s", interval(x), x.units(),
                x.units() == 1 ? "trigger" : "triggers", whole(x.chance()));
        return switch (x.verdict()) {
            case DISTINGUISHABLE -> e + " can be told from the device's own traffic: " + figures + pValue(x);
            case INDISTINGUISHABLE -> e + " cannot be told from the device's own traffic: " + figures;
            case UNDECIDED -> e + " against the device's own traffic: undecided, " + figures + "; " + more(x);
        };
    }

    /** True when both events of a pair can be told from the device's own traffic. */
    static boolean eachAlerts(EventReading r, Separation x) {
        return x.events().stream().allMatch(e -> r.events().get(e).againstOwnTraffic().verdict() == Verdict.DISTINGUISHABLE);
    }

    /**
     * A pair of events in words; {@code oneOfThemRead}: both can be told from the device's own
     * traffic, so when they cannot be told apart, that one of them happened is still read.
     */
    static String pair(Separation x, boolean oneOfThemRead) {
        String names = x.events().get(0) + " and " + x.events().get(1);
        String figures = String.format(Locale.ROOT, "%s over %d %s, chance %s", interval(x), x.units(),
                x.units() == 1 ? "trigger" : "triggers", whole(x.chance()));
        String oneOf = "; that one of the two happened is still read (each can be told from the device's own traffic)";
        return switch (x.verdict()) {
            case DISTINGUISHABLE -> names + " can be told apart: " + figures + pValue(x);
            case INDISTINGUISHABLE -> names + " cannot be told apart: " + figures + (oneOfThemRead ? oneOf : "");
            case UNDECIDED -> names + ": undecided, " + figures + "; " + more(x);
        };
    }

    /**
     * What an alert may be instead, when the signature's verdicts have not settled it: an alerting
     * event not yet told from the device's own traffic, or one not told apart from another event.
     * The user reads these before the alerts, so an alert never claims more than training showed.
     * {@code v} is null for a signature that records no verdicts.
     */
    static List<String> alertCaveats(Verdicts v, Set<String> alerting) {
        List<String> caveats = new ArrayList<>();
        if (v == null) {
            return alerting.isEmpty() ? caveats : List.of("its signature records no verdicts: what its alerts may be "
                    + "mistaken for was not measured (train it again to record them)");
        }
        v.events().forEach((e, x) -> {
            if (alerting.contains(e) && x.verdict() == Verdict.UNDECIDED) {
                caveats.add("an alert " + e + " may be the device's own traffic: " + againstOwnTraffic(x));
            }
        });
        for (Separation x : v.pairs()) {
            List<String> both = x.events();
            if (x.verdict() != Verdict.DISTINGUISHABLE && both.stream().anyMatch(alerting::contains)) {
                String a = both.get(0);
                String b = both.get(1);
                String which = alerting.contains(a) && alerting.contains(b) ? "an alert " + a + " may be " + b + " and the other way round"
                        : alerting.contains(a) ? "an alert " + a + " may be " + b : "an alert " + b + " may be " + a;
                caveats.add(which + ": " + pair(x, false));
            }
        }
        return caveats;
    }

    private static String interval(Separation x) {
        return Double.isNaN(x.accuracy()) ? "n/a" : String.format(Locale.ROOT, "%s [%s, %s]", whole(x.accuracy()),
                wholeNumber(x.low()), wholeNumber(x.high()));
    }

    private static String pValue(Separation x) {
        return x.pValue() < 0.001 ? ", p < 0.001" : String.format(Locale.ROOT, ", p = %.3f", x.pValue());
    }

    private static String more(Separation x) {
        if (Double.isNaN(x.accuracy())) {
            return x.events().size() == 2 ? "each event needs a trigger read as one of the two" : "no trigger was counted";
        }
        if (x.moreUnits() < 0) {
            return x.high() < x.chance() ? "the readings lie below chance" : "no number of triggers at this rate would decide";
        }
        return "about " + x.moreUnits() + (x.moreUnits() == 1 ? " more trigger" : " more triggers")
                + " at this rate would decide";
    }

    private static String whole(double fraction) {
        return wholeNumber(fraction) + " %";
    }

    private static String wholeNumber(double fraction) {
        return String.format(Locale.ROOT, "%.0f", 100 * fraction);
    }
}
