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
        out.write("{\"ts\":" + DetectionSink.seconds(e.startNanos()) + ",\"uid\":\"" + d.uid() + "\",\"device\":"
                + quote(d.device()) + ",\"device_addr\":" + quote(d.deviceAddress()) + ",\"peer_addr\":"
                + (d.peerAddress() == null ? "null" : quote(d.peerAddress())) + ",\"event\":" + quote(e.event())
                + ",\"privacy\":" + e.privacy() + ",\"packets\":" + e.packets() + ",\"end\":"
                + DetectionSink.seconds(e.endNanos()) + ",\"distance\":"
                + (Double.isInfinite(e.distance()) ? "null" : DetectionSink.distance(e.distance()))
                + ",\"first_frame\":" + e.firstFrame() + ",\"last_frame\":" + e.lastFrame() + "}\n");
    }

    private static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
