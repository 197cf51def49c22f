package org.iotevent.detect;

import java.io.IOException;
import java.io.Writer;

/**
 * One JSON object a line, keys as a Zeek log's: {@code ts} (start, epoch seconds with 9
 * decimals) first, {@code uid}, {@code device}, {@code device_addr}, {@code peer_addr} (null when
 * unknown), {@code event},
 * {@code privacy}, {@code packets}, {@code end}, {@code distance} (null when nothing was
 * comparable), {@code first_frame}, {@code last_frame}.
 */
final class JsonLinesSink implements DetectionSink {
    private final Writer out;
    private final Text.Line line = new Text.Line();

    JsonLinesSink(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(Detection d) throws IOException {
        DetectedEvent e = d.event();
        StringBuilder sb = line.start().append("{\"ts\":");
        Text.seconds(sb, e.startNanos()).append(",\"uid\":\"");
        d.appendUid(sb).append("\",\"device\":");
        Text.json(sb, d.device()).append(",\"device_addr\":");
        Text.json(sb, d.deviceAddress()).append(",\"peer_addr\":");
        if (d.peerAddress() == null) {
            sb.append("null");
        } else {
            Text.json(sb, d.peerAddress());
        }
        sb.append(",\"event\":");
        Text.json(sb, e.event()).append(",\"privacy\":").append(e.privacy()).append(",\"packets\":").append(e.packets())
                .append(",\"end\":");
        Text.seconds(sb, e.endNanos()).append(",\"distance\":");
        if (Double.isInfinite(e.distance())) {
            sb.append("null");
        } else {
            Text.distance(sb, e.distance());
        }
        sb.append(",\"first_frame\":").append(e.firstFrame()).append(",\"last_frame\":").append(e.lastFrame()).append("}\n");
        line.writeTo(out);
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
