package org.iotevent.traffic;

/**
 * One triggered app event from the event log.
 *
 * @param timeNanos when it was triggered, nanoseconds since the epoch (the capture's clock)
 * @param name the event's name, non-empty, never {@value EventPairer#OTHER}
 * @param line line of the event log it came from (from 1), for messages
 */
public record Event(long timeNanos, String name, int line) {
    public Event {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an event needs a name");
        }
        if (name.equals(EventPairer.OTHER)) {
            throw new IllegalArgumentException("'" + EventPairer.OTHER + "' is reserved for bursts with no event");
        }
    }
}
