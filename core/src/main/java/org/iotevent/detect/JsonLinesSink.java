package org.iotevent.detect;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
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

    JsonLinesSink(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(Detection d) throws IOException {
        DetectedEvent e = d.event();
        // in the order of DetectionSink.KEYS
        String[] values = {DetectionSink.seconds(e.startNanos()), quote(d.uid()), quote(d.device()),
            quote(d.deviceAddress()), d.peerAddress() == null ? "null" : quote(d.peerAddress()), quote(e.event()),
            Boolean.toString(e.privacy()), Integer.toString(e.packets()), DetectionSink.seconds(e.endNanos()),
            Double.isInfinite(e.distance()) ? "null" : DetectionSink.distance(e.distance()),
            Long.toString(e.firstFrame()), Long.toString(e.lastFrame())};
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < values.length; i++) {
            line.append(i == 0 ? "{\"" : ",\"").append(DetectionSink.KEYS.get(i)).append("\":").append(values[i]);
        }
        out.write(line.append("}\n").toString());
    }

    private static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
