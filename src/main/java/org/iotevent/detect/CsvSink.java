package org.iotevent.detect;

import java.io.IOException;
import java.io.Writer;

/**
 * CSV with the header {@code start,end,packets,event,privacy,distance,first_frame,last_frame}; times
 * in epoch seconds with 9 decimals, distance {@code inf} when nothing was comparable. Event names
 * holding a comma, quote or line break are quoted (RFC 4180).
 */
final class CsvSink implements DetectionSink {
    private final Writer out;
    private boolean header;

    CsvSink(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(DetectedEvent e) throws IOException {
        if (!header) {
            out.write("start,end,packets,event,privacy,distance,first_frame,last_frame\n");
            header = true;
        }
        out.write(DetectionSink.seconds(e.startNanos()) + "," + DetectionSink.seconds(e.endNanos()) + "," + e.packets() + ","
                + quote(e.event()) + "," + e.privacy() + "," + DetectionSink.distance(e.distance()) + "," + e.firstFrame()
                + "," + e.lastFrame() + "\n");
    }

    @Override
    public void finish() throws IOException {
        if (!header) {
            out.write("start,end,packets,event,privacy,distance,first_frame,last_frame\n");
            header = true;
        }
        out.flush();
    }

    static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
