package org.iotevent.detect;

import java.io.IOException;

/**
 * One JSON object a line, keys as a Zeek log's: {@code ts} (start, epoch seconds with 9
 * decimals) first, {@code uid}, {@code device}, {@code device_addr}, {@code peer_addr} (null when
 * unknown), {@code event},
 * {@code privacy}, {@code packets}, {@code end}, {@code distance} (null when nothing was
 * comparable), {@code first_frame}, {@code last_frame}.
 */
public final class JsonLinesSink implements DetectionSink {
    /** What comes before each value: {@code {"ts":}, {@code ,"uid":}, ... */
    private static final byte[][] KEY = Text.ascii(DetectionSink.KEYS.stream()
            .map(k -> (k.equals(DetectionSink.KEYS.get(0)) ? "{\"" : ",\"") + k + "\":").toArray(String[]::new));
    private static final byte[][] CONSTANTS = Text.ascii("null", "}\n");
    private final Text.Output out;
    private final Text.Line line;

    JsonLinesSink(Text.Output out) {
        this.out = out;
        this.line = new Text.Line(out.charset());
    }

    @Override
    public void accept(Detection d) throws IOException {
        append(line.start(), d);
        out.write(line);
    }

    /** The detection's line, newline included (the Flink job writes the same, its home first). */
    public static String line(Detection d) {
        return append(Text.line(), d).toString();
    }

    /** {@code s} as a JSON string. */
    public static String quote(String s) {
        return Text.line().json(s).toString();
    }

    private static Text.Line append(Text.Line l, Detection d) {
        DetectedEvent e = d.event();
        // in the order of DetectionSink.KEYS
        l.ascii(KEY[0]).seconds(e.startNanos()).ascii(KEY[1]).ascii('"').ascii('B').hex16(d.id()).ascii('"');
        l.ascii(KEY[2]).json(d.device()).ascii(KEY[3]).json(d.deviceAddress()).ascii(KEY[4]);
        if (d.peerAddress() == null) {
            l.ascii(CONSTANTS[0]);
        } else {
            l.json(d.peerAddress());
        }
        l.ascii(KEY[5]).json(e.event()).ascii(KEY[6]).bool(e.privacy()).ascii(KEY[7]).number(e.packets());
        l.ascii(KEY[8]).seconds(e.endNanos()).ascii(KEY[9]);
        if (Double.isInfinite(e.distance())) {
            l.ascii(CONSTANTS[0]);
        } else {
            l.distance(e.distance());
        }
        return l.ascii(KEY[10]).number(e.firstFrame()).ascii(KEY[11]).number(e.lastFrame()).ascii(CONSTANTS[1]);
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
