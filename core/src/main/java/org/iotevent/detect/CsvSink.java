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
    private final Text.Line line = new Text.Line();
    private boolean header;

    CsvSink(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(Detection d) throws IOException {
        header();
        DetectedEvent e = d.event();
        // in the order of DetectionSink.KEYS
        StringBuilder sb = line.start();
        Text.seconds(sb, e.startNanos()).append(',');
        d.appendUid(sb).append(',');
        Text.csv(sb, d.device()).append(',');
        Text.csv(sb, d.deviceAddress()).append(',');
        if (d.peerAddress() != null) {
            Text.csv(sb, d.peerAddress());
        }
        sb.append(',');
        Text.csv(sb, e.event()).append(',').append(e.privacy()).append(',').append(e.packets()).append(',');
        Text.seconds(sb, e.endNanos()).append(',');
        Text.distance(sb, e.distance()).append(',').append(e.firstFrame()).append(',').append(e.lastFrame()).append('\n');
        line.writeTo(out);
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
}
