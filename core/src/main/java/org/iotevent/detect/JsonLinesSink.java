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
public final class JsonLinesSink implements DetectionSink {
    /** What comes before each value: {@code {"ts":}, {@code ,"uid":}, ... */
    private static final String[] KEY = DetectionSink.KEYS.stream()
            .map(k -> (k.equals(DetectionSink.KEYS.get(0)) ? "{\"" : ",\"") + k + "\":").toArray(String[]::new);
    private final Writer out;
    private final Text.Line line = new Text.Line();

    JsonLinesSink(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(Detection d) throws IOException {
        append(line.start(), d);
        line.writeTo(out);
    }

    /** The detection's line, newline included (the Flink job writes the same, its home first). */
    public static String line(Detection d) {
        return append(new StringBuilder(256), d).toString();
    }

    /** {@code s} as a JSON string. */
    public static String quote(String s) {
        return Text.json(new StringBuilder(s.length() + 2), s).toString();
    }

    private static StringBuilder append(StringBuilder sb, Detection d) {
        DetectedEvent e = d.event();
        // in the order of DetectionSink.KEYS
        sb.append(KEY[0]);
        Text.seconds(sb, e.startNanos()).append(KEY[1]).append('"');
        d.appendUid(sb).append('"').append(KEY[2]);
        Text.json(sb, d.device()).append(KEY[3]);
        Text.json(sb, d.deviceAddress()).append(KEY[4]);
        if (d.peerAddress() == null) {
            sb.append("null");
        } else {
            Text.json(sb, d.peerAddress());
        }
        Text.json(sb.append(KEY[5]), e.event()).append(KEY[6]).append(e.privacy()).append(KEY[7]).append(e.packets())
                .append(KEY[8]);
        Text.seconds(sb, e.endNanos()).append(KEY[9]);
        if (Double.isInfinite(e.distance())) {
            sb.append("null");
        } else {
            Text.distance(sb, e.distance());
        }
        return sb.append(KEY[10]).append(e.firstFrame()).append(KEY[11]).append(e.lastFrame()).append("}\n");
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
