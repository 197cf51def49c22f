package org.iotevent.detect;

import java.io.IOException;
import java.io.Writer;

/**
 * Aligned columns: start (UTC), duration, packets, device, event, privacy flag, distance, frames
 * (as {@code %-23s %9s %7s %-16s %-20s %-7s %10s  %s}: a longer value widens its column's row).
 */
final class TableSink implements DetectionSink {
    private final Writer out;
    private final Text.Line line = new Text.Line();
    private boolean header;

    TableSink(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(Detection d) throws IOException {
        DetectedEvent e = d.event();
        if (!header) {
            StringBuilder sb = line.start();
            Text.left(sb, "start (UTC)", 23).append(' ');
            Text.rightFrom(sb.append("duration"), sb.length() - 8, 9).append(' ');
            Text.rightFrom(sb.append("packets"), sb.length() - 7, 7).append(' ');
            Text.left(sb, "device", 16).append(' ');
            Text.left(sb, "event", 20).append(' ');
            Text.left(sb, "privacy", 7).append(' ');
            Text.rightFrom(sb.append("distance"), sb.length() - 8, 10).append("  frames").append(System.lineSeparator());
            line.writeTo(out);
            header = true;
        }
        StringBuilder sb = line.start();
        Text.utcMillis(sb, e.startNanos()).append(' ');
        int from = sb.length();
        long millis = (e.endNanos() - e.startNanos() + 500_000) / 1_000_000;
        sb.append(millis / 1000).append('.');
        Text.zeroPadded(sb, millis % 1000, 3).append('s');
        Text.rightFrom(sb, from, 9).append(' ');
        from = sb.length();
        Text.rightFrom(sb.append(e.packets()), from, 7).append(' ');
        Text.left(sb, d.device(), 16).append(' ');
        Text.left(sb, e.event(), 20).append(' ');
        Text.left(sb, e.privacy() ? "ALERT" : "", 7).append(' ');
        from = sb.length();
        Text.rightFrom(Text.distance(sb, e.distance()), from, 10).append("  ").append(e.firstFrame()).append('-')
                .append(e.lastFrame()).append(System.lineSeparator());
        line.writeTo(out);
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
