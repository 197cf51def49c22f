package org.iotevent.traffic;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads an event log: CSV with the header {@code timestamp,event}, then one event a line. The
 * timestamp is epoch seconds with an optional fraction ({@code 1518557884.25}) or ISO-8601 with a
 * zone ({@code 2018-02-13T21:38:04.25Z}, {@code ...+01:00}). Blank lines and lines starting with
 * {@code #} are skipped; a field may be double-quoted. Events come back sorted by time (stable).
 * The names {@value EventPairer#OTHER} and {@value #UNKNOWN} are reserved for the tool's own
 * classes. A row repeating an earlier row's time and name is dropped (a log written twice would
 * pair every burst twice) and reported by {@link #readLog}.
 */
public final class EventLogReader {
    private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);
    private static final int MAX_NAME = 200;

    /** The label a classifier gives a burst unlike every sample; reserved like {@value EventPairer#OTHER}. */
    public static final String UNKNOWN = "unknown";

    private EventLogReader() {}

    /**
     * An event log as read.
     *
     * @param events the events, sorted by time, duplicates dropped
     * @param duplicates the rows dropped because an earlier row has the same time and name
     */
    public record Log(List<Event> events, List<Event> duplicates) {
        public Log {
            events = List.copyOf(events);
            duplicates = List.copyOf(duplicates);
        }
    }

    /**
     * Reads the whole log, keeping what was dropped.
     *
     * @throws EventLogException naming the file and line of the first malformed line
     * @throws IOException when the file cannot be read
     */
    public static Log readLog(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readLog(in, file.toString());
        } catch (java.nio.charset.MalformedInputException e) {
            throw new EventLogException(file + ": not UTF-8 text");
        }
    }

    /**
     * Reads the whole log.
     *
     * @throws EventLogException naming the file and line of the first malformed line
     * @throws IOException when the file cannot be read
     */
    public static List<Event> read(Path file) throws IOException {
        return readLog(file).events();
    }

    /** Reads a log from {@code in}; {@code name} names it in messages. */
    public static List<Event> read(BufferedReader in, String name) throws IOException {
        return readLog(in, name).events();
    }

    /** Reads a log from {@code in}, keeping what was dropped; {@code name} names it in messages. */
    public static Log readLog(BufferedReader in, String name) throws IOException {
        List<Event> events = new ArrayList<>();
        boolean header = false;
        int lineNumber = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNumber++;
            String trimmed = line.strip();
            if (lineNumber == 1 && trimmed.startsWith("\uFEFF")) {
                trimmed = trimmed.substring(1);
            }
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split(",", -1);
            if (!header) {
                if (fields.length != 2 || !unquote(fields[0]).equalsIgnoreCase("timestamp")
                        || !unquote(fields[1]).equalsIgnoreCase("event")) {
                    throw new EventLogException(name + " line " + lineNumber
                            + ": expected the header 'timestamp,event', found '" + shorten(trimmed) + "'");
                }
                header = true;
                continue;
            }
            if (fields.length != 2) {
                throw new EventLogException(name + " line " + lineNumber + ": expected 2 fields 'timestamp,event', found "
                        + fields.length + " in '" + shorten(trimmed) + "'");
            }
            long time = parseTime(unquote(fields[0]), name, lineNumber);
            String event = unquote(fields[1]);
            if (event.isEmpty() || event.length() > MAX_NAME || event.chars().anyMatch(Character::isISOControl)) {
                throw new EventLogException(name + " line " + lineNumber
                        + ": expected an event name of 1 to " + MAX_NAME + " printable characters, found '"
                        + shorten(event) + "'");
            }
            if (event.equals(EventPairer.OTHER) || event.equals(UNKNOWN)) {
                throw new EventLogException(name + " line " + lineNumber + ": the event name '" + event
                        + "' is reserved (" + EventPairer.OTHER + ": bursts that follow no event, " + UNKNOWN
                        + ": bursts unlike every sample); rename the event");
            }
            events.add(new Event(time, event, lineNumber));
        }
        if (!header) {
            throw new EventLogException(name + ": empty, expected the header 'timestamp,event' and one event a line");
        }
        events.sort(Comparator.comparingLong(Event::timeNanos));
        List<Event> kept = new ArrayList<>();
        List<Event> duplicates = new ArrayList<>();
        java.util.Set<String> atTime = new java.util.HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (i > 0 && e.timeNanos() != events.get(i - 1).timeNanos()) {
                atTime.clear();
            }
            (atTime.add(e.name()) ? kept : duplicates).add(e);
        }
        return new Log(kept, duplicates);
    }

    /** Parses epoch seconds with a fraction, or ISO-8601 with a zone, into nanoseconds. */
    static long parseTime(String text, String name, int line) throws EventLogException {
        if (!text.isEmpty() && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '.') && text.indexOf('-') < 0
                && text.indexOf(':') < 0) {
            try {
                BigDecimal seconds = new BigDecimal(text);
                if (seconds.signum() >= 0 && seconds.compareTo(BigDecimal.valueOf(9_000_000_000L)) < 0) {
                    return seconds.multiply(NANOS).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // falls through to the message below
            }
        } else {
            try {
                Instant t = OffsetDateTime.parse(text).toInstant();
                return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
            } catch (DateTimeParseException | ArithmeticException e) {
                // falls through to the message below
            }
        }
        throw new EventLogException(name + " line " + line + ": expected a timestamp in epoch seconds (1518557884.25) "
                + "or ISO-8601 with a zone (2018-02-13T21:38:04Z), found '" + shorten(text) + "'");
    }

    private static String unquote(String field) {
        String f = field.strip();
        if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
            f = f.substring(1, f.length() - 1).replace("\"\"", "\"").strip();
        }
        return f;
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
