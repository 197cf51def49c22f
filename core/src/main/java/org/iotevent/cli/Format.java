package org.iotevent.cli;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.iotevent.traffic.Event;

/** Small formatting helpers for human-readable output. */
final class Format {
    private Format() {}

    /** Nanoseconds since the epoch as ISO-8601 UTC with milliseconds. */
    static String time(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L) / 1_000_000 * 1_000_000)
                .toString();
    }

    /** Seconds with up to 3 decimals and a unit. */
    /** {@code nanos} as seconds, as {@link #seconds(double)} writes them. */
    static String nanosAsSeconds(long nanos) {
        return seconds(nanos / 1e9);
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s).replaceAll("\\.?0+$", "") + " s";
    }

    /** The first few events as {@code NAME@line N}, then how many more. */
    static String eventList(List<Event> events) {
        String head = events.stream().limit(5).map(e -> e.name() + " (line " + e.line() + ", " + time(e.timeNanos()) + ")")
                .collect(Collectors.joining(", "));
        return events.size() > 5 ? head + " and " + (events.size() - 5) + " more" : head;
    }
}
