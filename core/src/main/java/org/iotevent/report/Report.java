package org.iotevent.report;

import java.util.List;
import java.util.Objects;
import org.iotevent.evaluate.defence.DefenceEvaluation;

/**
 * Everything one report shows. Immutable; rendering it is a pure function ({@link ReportRenderer}).
 *
 * @param title the page title (user-derived, escaped on output)
 * @param sources the input files the report was built from, as the user named them
 * @param devices one section per device signature, in order
 * @param timelines one timeline per detection run
 * @param defences one section per defence evaluation
 */
public record Report(
        String title, List<String> sources, List<DeviceReport> devices, List<Timeline> timelines, List<DefenceEvaluation> defences) {
    public Report {
        Objects.requireNonNull(title, "title");
        sources = List.copyOf(sources);
        devices = List.copyOf(devices);
        timelines = List.copyOf(timelines);
        defences = List.copyOf(defences);
        if (devices.isEmpty() && timelines.isEmpty() && defences.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one device, timeline or defence section");
        }
    }
}
