package org.iotevent.evaluate.defence;

import java.io.IOException;

/** A defence evaluation file that is not what {@code iotevent defend --json} writes. */
public final class DefenceFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public DefenceFormatException(String message) {
        super(message);
    }
}
