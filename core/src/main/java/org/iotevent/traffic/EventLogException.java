package org.iotevent.traffic;

import java.io.IOException;

/** An event log that cannot be read: names the file, the line and what was expected. */
public final class EventLogException extends IOException {
    private static final long serialVersionUID = 1L;

    public EventLogException(String message) {
        super(message);
    }
}
