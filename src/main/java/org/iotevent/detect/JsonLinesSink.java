package org.iotevent.detect;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.Writer;

/**
 * One JSON object a line: {@code start} and {@code end} (epoch seconds as numbers with 9
 * decimals), {@code packets}, {@code event}, {@code privacy}, {@code distance} (null when nothing was
 * comparable), {@code first_frame}, {@code last_frame}.
 */
final class JsonLinesSink implements DetectionSink {
    private final Writer out;

    JsonLinesSink(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(DetectedEvent e) throws IOException {
        out.write("{\"start\":" + DetectionSink.seconds(e.startNanos()) + ",\"end\":" + DetectionSink.seconds(e.endNanos())
                + ",\"packets\":" + e.packets() + ",\"event\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(e.event())) + "\",\"privacy\":" + e.privacy()
                + ",\"distance\":" + (Double.isInfinite(e.distance()) ? "null" : DetectionSink.distance(e.distance()))
                + ",\"first_frame\":" + e.firstFrame() + ",\"last_frame\":" + e.lastFrame() + "}\n");
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
