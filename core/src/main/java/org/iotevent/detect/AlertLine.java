package org.iotevent.detect;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Writes the alert line of a privacy event into one reused byte buffer (a whole home can raise a
 * million alerts a run): {@code iotevent: ALERT [DEVICE/]EVENT at 2026-01-01T00:00:00.250Z
 * (frames F-L, N packets, distance D)}. Not thread-safe.
 */
public final class AlertLine {
    private final Text.Line line;

    /** Lines whose names are encoded in UTF-8. */
    public AlertLine() {
        this(StandardCharsets.UTF_8);
    }

    /** Lines whose names are encoded in {@code charset} (that of the stream they are written to). */
    public AlertLine(Charset charset) {
        this.line = new Text.Line(charset);
    }

    /**
     * Builds the line of {@code e}, valid until the next call.
     *
     * @param device the device's name when several are watched, else null
     * @return this
     */
    public AlertLine of(String device, DetectedEvent e) {
        line.start().alert(device, e);
        return this;
    }

    /** Writes the line's bytes (no line break) to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        line.writeTo(out);
    }

    /** The line as text. */
    @Override
    public String toString() {
        return line.toString();
    }
}
