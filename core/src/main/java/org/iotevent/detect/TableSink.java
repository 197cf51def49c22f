package org.iotevent.detect;

import java.io.IOException;

/**
 * Aligned columns: start (UTC), duration, packets, device, event, privacy flag, distance, frames
 * (as {@code %-23s %9s %7s %-16s %-20s %-7s %10s  %s}: a longer value widens its column's row).
 */
final class TableSink implements DetectionSink {
    private final Text.Output out;
    private final Text.Line line;
    private boolean header;

    TableSink(Text.Output out) {
        this.out = out;
        this.line = new Text.Line(out.charset());
    }

    @Override
    public void accept(Detection d) throws IOException {
        DetectedEvent e = d.event();
        if (!header) {
            Text.Line l = line.start().left("start (UTC)", 23).ascii(' ');
            l.ascii("duration").rightFrom(l.length() - 8, 9).ascii(' ');
            l.ascii("packets").rightFrom(l.length() - 7, 7).ascii(' ');
            l.left("device", 16).ascii(' ').left("event", 20).ascii(' ').left("privacy", 7).ascii(' ');
            l.ascii("distance").rightFrom(l.length() - 8, 10).ascii("  frames").ascii(System.lineSeparator());
            out.write(l);
            header = true;
        }
        Text.Line l = line.start().utcMillis(e.startNanos()).ascii(' ');
        int from = l.length();
        long millis = (e.endNanos() - e.startNanos() + 500_000) / 1_000_000;
        l.number(millis / 1000).ascii('.').three((int) (millis % 1000)).ascii('s').rightFrom(from, 9).ascii(' ');
        from = l.length();
        l.number(e.packets()).rightFrom(from, 7).ascii(' ');
        l.left(d.device(), 16).ascii(' ').left(e.event(), 20).ascii(' ').left(e.privacy() ? "ALERT" : "", 7).ascii(' ');
        from = l.length();
        l.distance(e.distance()).rightFrom(from, 10).ascii("  ").number(e.firstFrame()).ascii('-').number(e.lastFrame())
                .ascii(System.lineSeparator());
        out.write(l);
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
