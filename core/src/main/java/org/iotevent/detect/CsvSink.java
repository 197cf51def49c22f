package org.iotevent.detect;

import java.io.IOException;
import java.io.Writer;

/**
 * CSV with the JSON Lines keys as header ({@link #HEADER}); times in epoch seconds with 9
 * decimals, distance {@code inf} when nothing was comparable. Fields holding a comma, quote or
 * line break are quoted (RFC 4180).
 */
final class CsvSink implements DetectionSink {
    static final String HEADER = String.join(",", DetectionSink.KEYS) + "\n";
    private final Writer out;
    private boolean header;

    CsvSink(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(Detection d) throws IOException {
        header();
        DetectedEvent e = d.event();
        // in the order of DetectionSink.KEYS
        out.write(String.join(",", DetectionSink.seconds(e.startNanos()), d.uid(), quote(d.device()),
                quote(d.deviceAddress()), d.peerAddress() == null ? "" : quote(d.peerAddress()), quote(e.event()),
                Boolean.toString(e.privacy()), Integer.toString(e.packets()), DetectionSink.seconds(e.endNanos()),
                DetectionSink.distance(e.distance()), Long.toString(e.firstFrame()), Long.toString(e.lastFrame())) + "\n");
    }

    private void header() throws IOException {
        if (!header) {
            out.write(HEADER);
            header = true;
        }
    }

    @Override
    public void finish() throws IOException {
        header();
        out.flush();
    }

    static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
