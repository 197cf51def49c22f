package org.iotevent.sim;

import java.io.IOException;

/** A device model or home file that cannot be used: names the file, the JSON path and what was expected. */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String source, String path, String message) {
        super(source + (path.isEmpty() ? "" : ": " + path) + ": " + message);
    }
}
