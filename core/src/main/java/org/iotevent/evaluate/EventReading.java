package org.iotevent.evaluate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.iotevent.signature.AlignmentClassifier;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.Prediction;
import org.iotevent.signature.Separation;
import org.iotevent.signature.Verdicts;
import org.iotevent.traffic.EventPairer;

/**
 * What an eavesdropper reads from one prediction per sample (out of fold, or from a signature on
 * another session), counted per trigger and per burst, never pooled over repeats.
 *
 * <p>Definitions. A <em>trigger</em> is one logged event with the bursts paired with it (a sample
 * of its own group, such as a hand-cut sequence, is a trigger by itself). A burst is an
 * <em>alert</em> for the event it is labelled with; {@code other} and {@code unknown} raise none.
 * <ul>
 *   <li>A trigger's <em>reading</em> is the event most of its bursts are labelled with (bursts
 *       labelled {@code other} or {@code unknown} do not vote; a tie goes to the event nearer a
 *       training sample; no vote, or an exact tie, reads nothing). A trigger of E is <em>read</em>
 *       when its reading is E. Recall of E = triggers read / triggers; precision of E = bursts
 *       labelled E that belong to a trigger of E / bursts labelled E. {@code events_read} = the
 *       mean of the recalls over the events. With one burst per trigger, recall is per burst.
 *   <li>False-alarm rate = share of the device's own bursts ({@code other}) labelled as an event;
 *       per day: that count over the capture's days.
 *   <li>E against the device's own traffic, whether E's triggers raise alerts where the device's
 *       own traffic does not (which event they are taken for is the pairs' business): x = triggers
 *       of E with a burst labelled as an event, n = triggers of E; chance = what the device's own
 *       traffic gets: the mean over E's triggers of 1 - (1 - f)^m, f the false-alarm rate and m
 *       the trigger's bursts (the chance that m own bursts raise an alert).
 *   <li>A against B (two events): each trigger of A or B is read between A and B by its bursts
 *       labelled A or B (the more numerous label wins; a tie goes to the one nearer a training
 *       sample); a trigger with none of them but a burst labelled a third event is not taken for
 *       the other of the two, so it counts as right; a trigger with no burst labelled an event is
 *       not counted. The accuracy is balanced: the mean of the share of A's counted triggers right
 *       and of B's, chance 1/2 ({@link VerdictRule#judgePair}).
 * </ul>
 * Each count gets an exact interval, a p-value and a verdict ({@link VerdictRule}).
 *
 * @param eventsRead mean recall over the events; NaN when there is none
 * @param falseAlarms own bursts labelled as an event
 * @param ownBursts bursts of the device's own traffic
 * @param falseAlarmRate falseAlarms / ownBursts; NaN when there is none
 * @param falseAlarmsPerDay falseAlarms per day of capture; NaN when the span is unknown
 * @param events the figures of each event
 * @param confusion samples by actual label, then predicted label, each sample once
 * @param truePositives formula (4)'s TP over the samples (see {@link Evaluation})
 * @param trueNegatives TN
 * @param falsePositives FP
 * @param falseNegatives FN
 * @param pairs each pair of events, in order of the event names
 */
public record EventReading(
        double eventsRead,
        long falseAlarms,
        long ownBursts,
        double falseAlarmRate,
        double falseAlarmsPerDay,
        SortedMap<String, EventFigures> events,
        SortedMap<String, SortedMap<String, Long>> confusion,
        long truePositives,
        long trueNegatives,
        long falsePositives,
        long falseNegatives,
        List<Separation> pairs) {

    public EventReading {
        events = Collections.unmodifiableSortedMap(new TreeMap<>(events));
        TreeMap<String, SortedMap<String, Long>> c = new TreeMap<>();
        confusion.forEach((a, row) -> c.put(a, Collections.unmodifiableSortedMap(new TreeMap<>(row))));
        confusion = Collections.unmodifiableSortedMap(c);
        pairs = List.copyOf(pairs);
    }

    /**
     * One event's figures.
     *
     * @param triggers its triggers
     * @param read triggers with a burst labelled with it
     * @param bursts its samples
     * @param alerts bursts labelled with it, of any class
     * @param rightAlerts of those, bursts of its own triggers
     * @param againstOwnTraffic the event told from the device's own traffic: its triggers that raise
     *     an alert ({@code right}) against the chance that own bursts do
     */
    public record EventFigures(int triggers, int read, int bursts, long alerts, long rightAlerts,
            Separation againstOwnTraffic) {
        /** read / triggers; NaN without triggers. */
        public double recall() {
            return triggers == 0 ? Double.NaN : (double) read / triggers;
        }

        /** rightAlerts / alerts; NaN when it was never named. */
        public double precision() {
            return alerts == 0 ? Double.NaN : (double) rightAlerts / alerts;
        }
    }

    /** The paper's formula (4) over these predictions, each sample once. */
    public double paperAccuracy() {
        long all = truePositives + trueNegatives + falsePositives + falseNegatives;
        return all == 0 ? Double.NaN : (double) (truePositives + trueNegatives) / all;
    }

    /** The headline figures and verdicts, as a signature records them. */
    public Verdicts verdicts() {
        SortedMap<String, Separation> byEvent = new TreeMap<>();
        events.forEach((name, f) -> byEvent.put(name, f.againstOwnTraffic()));
        return new Verdicts(eventsRead, falseAlarmRate, falseAlarmsPerDay, VerdictRule.MARGIN, byEvent, pairs);
    }

    /** True for a label that raises an alert: an event, not {@code other} nor {@code unknown}. */
    public static boolean isEvent(String label) {
        return !label.equals(EventPairer.OTHER) && !label.equals(AlignmentClassifier.UNKNOWN);
    }

    /**
     * Counts the readings.
     *
     * @param samples the samples with their true labels and triggers
     * @param predictions one prediction per sample, same order
     * @param spanDays days the capture spans, for false alarms per day; NaN when unknown
     */
    public static EventReading of(List<LabeledSample> samples, List<Prediction> predictions, double spanDays) {
        if (samples.size() != predictions.size()) {
            throw new IllegalArgumentException(samples.size() + " samples but " + predictions.size() + " predictions");
        }
        SortedMap<String, SortedMap<String, Long>> confusion = new TreeMap<>();
        long[] cells = new long[4];
        long own = 0;
        long falseAlarms = 0;
        // event -> trigger -> sample indices; a sample of its own group gets a key of its own
        SortedMap<String, Map<Long, List<Integer>>> triggers = new TreeMap<>();
        long ownKey = Long.MIN_VALUE + 1;
        for (int i = 0; i < samples.size(); i++) {
            String actual = samples.get(i).label();
            String predicted = predictions.get(i).label();
            confusion.computeIfAbsent(actual, a -> new TreeMap<>()).merge(predicted, 1L, Long::sum);
            cells[Evaluator.outcome(actual, predicted)]++;
            if (actual.equals(EventPairer.OTHER)) {
                own++;
                falseAlarms += isEvent(predicted) ? 1 : 0;
            } else {
                long t = samples.get(i).trigger();
                triggers.computeIfAbsent(actual, a -> new LinkedHashMap<>())
                        .computeIfAbsent(t == LabeledSample.OWN_GROUP ? ownKey++ : t, k -> new ArrayList<>()).add(i);
            }
        }
        SortedMap<String, EventFigures> figures = new TreeMap<>();
        double recallSum = 0;
        for (var e : triggers.entrySet()) {
            String event = e.getKey();
            double f = own == 0 ? 0 : (double) falseAlarms / own;
            int read = 0;
            int alerted = 0;
            double chance = 0;
            for (List<Integer> members : e.getValue().values()) {
                read += event.equals(reading(members, predictions)) ? 1 : 0;
                alerted += members.stream().anyMatch(i -> isEvent(predictions.get(i).label())) ? 1 : 0;
                chance += 1 - Math.pow(1 - f, members.size());
            }
            int n = e.getValue().size();
            long alerts = 0;
            long right = 0;
            for (var row : confusion.entrySet()) {
                long c = row.getValue().getOrDefault(event, 0L);
                alerts += c;
                right += row.getKey().equals(event) ? c : 0;
            }
            int bursts = e.getValue().values().stream().mapToInt(List::size).sum();
            figures.put(event, new EventFigures(n, read, bursts, alerts, right,
                    VerdictRule.judge(List.of(event), alerted, n, Math.min(1, chance / n))));
            recallSum += (double) read / n;
        }
        List<Separation> pairs = new ArrayList<>();
        List<String> names = new ArrayList<>(triggers.keySet());
        for (int a = 0; a < names.size(); a++) {
            for (int b = a + 1; b < names.size(); b++) {
                pairs.add(pair(names.get(a), names.get(b), triggers, predictions));
            }
        }
        double rate = own == 0 ? Double.NaN : (double) falseAlarms / own;
        double perDay = spanDays > 0 ? falseAlarms / spanDays : Double.NaN;
        return new EventReading(figures.isEmpty() ? Double.NaN : recallSum / figures.size(), falseAlarms, own, rate,
                perDay, figures, confusion, cells[0], cells[1], cells[2], cells[3], pairs);
    }

    /** The event the bursts {@code members} are read as, by their votes; null for none. */
    static String reading(List<Integer> members, List<Prediction> predictions) {
        Map<String, int[]> votes = new TreeMap<>();
        Map<String, Double> nearest = new TreeMap<>();
        for (int i : members) {
            Prediction p = predictions.get(i);
            if (isEvent(p.label())) {
                votes.computeIfAbsent(p.label(), l -> new int[1])[0]++;
                nearest.merge(p.label(), p.distance(), Math::min);
            }
        }
        String best = null;
        boolean tie = false;
        for (String label : votes.keySet()) {
            if (best == null) {
                best = label;
                continue;
            }
            int c = Integer.compare(votes.get(label)[0], votes.get(best)[0]);
            int d = c != 0 ? c : Double.compare(nearest.get(best), nearest.get(label));
            if (d > 0) {
                best = label;
                tie = false;
            } else if (d == 0) {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    /** A against B; see the class comment. */
    private static Separation pair(String a, String b, Map<String, Map<Long, List<Integer>>> triggers,
            List<Prediction> predictions) {
        int[] right = new int[2];
        int[] counted = new int[2];
        String[] both = {a, b};
        for (int side = 0; side < 2; side++) {
            for (List<Integer> members : triggers.get(both[side]).values()) {
                String reading = readBetween(a, b, members, predictions);
                if (reading != null) {
                    counted[side]++;
                    right[side] += reading.equals(both[side == 0 ? 1 : 0]) ? 0 : 1;
                }
            }
        }
        return VerdictRule.judgePair(List.of(a, b), right[0], counted[0], right[1], counted[1]);
    }

    /**
     * A trigger read between a and b: the label more of its bursts carry, nearer on a tie; a third
     * event's name when it has none of them but that; null when it raises no alert or ties exactly.
     */
    private static String readBetween(String a, String b, List<Integer> members, List<Prediction> predictions) {
        int countA = 0;
        int countB = 0;
        double nearA = Double.POSITIVE_INFINITY;
        double nearB = Double.POSITIVE_INFINITY;
        for (int i : members) {
            Prediction p = predictions.get(i);
            if (p.label().equals(a)) {
                countA++;
                nearA = Math.min(nearA, p.distance());
            } else if (p.label().equals(b)) {
                countB++;
                nearB = Math.min(nearB, p.distance());
            }
        }
        if (countA != countB) {
            return countA > countB ? a : b;
        }
        if (countA == 0) {
            return members.stream().map(i -> predictions.get(i).label()).filter(EventReading::isEvent).findFirst()
                    .orElse(null);
        }
        if (nearA == nearB) {
            return null;
        }
        return nearA < nearB ? a : b;
    }
}
