package org.iotevent.evaluate;

import java.io.IOException;

/** An IoTEvents sequence file that cannot be read: names the file, the line and what was expected. */
public final class SequenceFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public SequenceFormatException(String message) {
        super(message);
    }
}
