package org.iotevent.detect;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Aligned columns: start (UTC), duration, packets, device, event, privacy flag, distance, frames. */
final class TableSink implements DetectionSink {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final String ROW = "%-23s %9s %7s %-16s %-20s %-7s %10s  %s%n";
    private final Writer out;
    private boolean header;

    TableSink(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(Detection d) throws IOException {
        DetectedEvent e = d.event();
        if (!header) {
            out.write(String.format(java.util.Locale.ROOT, ROW, "start (UTC)", "duration", "packets", "device", "event", "privacy",
                    "distance", "frames"));
            header = true;
        }
        String duration = String.format(java.util.Locale.ROOT, "%.3fs", (e.endNanos() - e.startNanos()) / 1e9);
        out.write(String.format(java.util.Locale.ROOT, ROW,
                TIME.format(Instant.ofEpochSecond(0, e.startNanos())), duration, e.packets(), d.device(), e.event(),
                e.privacy() ? "ALERT" : "", DetectionSink.distance(e.distance()), e.firstFrame() + "-" + e.lastFrame()));
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
