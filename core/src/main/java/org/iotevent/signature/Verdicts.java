package org.iotevent.signature;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The headline figures of an evaluation, as a signature records them: what an eavesdropper reads
 * and what it wrongly reads, and a verdict per event and per pair of events.
 *
 * @param eventsRead mean over the events of the share of their triggers read, in [0, 1]; NaN when
 *     there is no event
 * @param falseAlarmRate share of the device's own bursts labelled as an event, in [0, 1]; NaN
 *     when there is none
 * @param falseAlarmsPerDay those false alarms per day of capture; NaN when the span is unknown
 * @param margin the margin around chance within which an interval means indistinguishable
 * @param events each event against the device's own traffic, by event
 * @param pairs each pair of events
 */
public record Verdicts(double eventsRead, double falseAlarmRate, double falseAlarmsPerDay, double margin,
        SortedMap<String, Separation> events, List<Separation> pairs) {
    public Verdicts {
        if (!(Double.isNaN(eventsRead) || eventsRead >= 0 && eventsRead <= 1)
                || !(Double.isNaN(falseAlarmRate) || falseAlarmRate >= 0 && falseAlarmRate <= 1)
                || !(Double.isNaN(falseAlarmsPerDay) || falseAlarmsPerDay >= 0) || !(margin > 0 && margin < 1)) {
            throw new IllegalArgumentException("events read and false-alarm rate must lie in [0, 1], false alarms per day "
                    + ">= 0 and the margin in (0, 1)");
        }
        events = Collections.unmodifiableSortedMap(new TreeMap<>(events));
        pairs = List.copyOf(pairs);
    }

    /** The events its signature says cannot be told from the device's own traffic. */
    public List<String> hiddenInOwnTraffic() {
        return events.entrySet().stream().filter(e -> e.getValue().verdict() == Verdict.INDISTINGUISHABLE)
                .map(java.util.Map.Entry::getKey).toList();
    }
}
