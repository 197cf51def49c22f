package org.iotevent.detect;

import java.io.IOException;

/**
 * CSV with the JSON Lines keys as header ({@link #HEADER}); times in epoch seconds with 9
 * decimals, distance {@code inf} when nothing was comparable. Fields holding a comma, quote or
 * line break are quoted (RFC 4180).
 */
final class CsvSink implements DetectionSink {
    static final String HEADER = String.join(",", DetectionSink.KEYS) + "\n";
    private final Text.Output out;
    private final Text.Line line;
    private boolean header;

    CsvSink(Text.Output out) {
        this.out = out;
        this.line = new Text.Line(out.charset());
    }

    @Override
    public void accept(Detection d) throws IOException {
        header();
        DetectedEvent e = d.event();
        // in the order of DetectionSink.KEYS
        Text.Line l = line.start().seconds(e.startNanos()).ascii(',').ascii('B').hex16(d.id()).ascii(',');
        l.csv(d.device()).ascii(',').csv(d.deviceAddress()).ascii(',');
        if (d.peerAddress() != null) {
            l.csv(d.peerAddress());
        }
        l.ascii(',').csv(e.event()).ascii(',').bool(e.privacy()).ascii(',').number(e.packets()).ascii(',');
        l.seconds(e.endNanos()).ascii(',').distance(e.distance()).ascii(',').number(e.firstFrame()).ascii(',')
                .number(e.lastFrame()).ascii('\n');
        out.write(l);
    }

    private void header() throws IOException {
        if (!header) {
            out.write(line.start().ascii(HEADER));
            header = true;
        }
    }

    @Override
    public void finish() throws IOException {
        header();
        out.flush();
    }
}
