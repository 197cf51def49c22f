package org.iotevent.detect;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One JSON object a line, keys as a Zeek log's: {@code ts} (start, epoch seconds with 9
 * decimals) first, {@code uid}, {@code device}, {@code device_addr}, {@code peer_addr} (null when
 * unknown), {@code event},
 * {@code privacy}, {@code packets}, {@code end}, {@code distance} (null when nothing was
 * comparable), {@code first_frame}, {@code last_frame}.
 *
 * <p>A line is written straight into the output's buffer, its names in runs of bytes made once with
 * the keys around them: {@code ,"device":"plug","device_addr":} per device, {@code
 * "192.168.1.2","peer_addr":} per address, {@code ,"event":"on","privacy":true,"packets":} per
 * label and flag.
 */
public final class JsonLinesSink implements DetectionSink {
    /** What comes before each value: {@code {"ts":}, {@code ,"uid":}, ... */
    private static final byte[][] KEY = Text.ascii(DetectionSink.KEYS.stream()
            .map(k -> (k.equals(DetectionSink.KEYS.get(0)) ? "{\"" : ",\"") + k + "\":").toArray(String[]::new));
    private static final Text.Constant TS = Text.Constant.of(KEY[0]);
    private static final Text.Constant END = Text.Constant.of(KEY[8]);
    private static final Text.Constant DISTANCE = Text.Constant.of(KEY[9]);
    private static final Text.Constant FIRST_FRAME = Text.Constant.of(KEY[10]);
    private static final Text.Constant LAST_FRAME = Text.Constant.of(KEY[11]);
    private static final byte[] NULL = Text.ascii("null")[0];
    private static final Text.Constant UID = Text.Constant.of(Text.concat(KEY[1], Text.ascii("\"B")[0]));
    private static final Text.Constant CLOSE = Text.Constant.of(Text.ascii("}\n")[0]);
    private static final byte[] TRUE = Text.concat(KEY[6], Text.ascii("true")[0], KEY[7]);
    private static final byte[] FALSE = Text.concat(KEY[6], Text.ascii("false")[0], KEY[7]);
    /** The most bytes of a line besides its names: the keys, the numbers and the distance. */
    private static final int MAX_FIXED = 256 + 2 * Text.MAX_NUMBER + 3 * Text.MAX_NUMBER + Text.MAX_DISTANCE + Text.SLACK;
    private final Text.Output out;
    /** Per name, its JSON string. */
    private final Text.Names json;
    private final Text.Names devices;
    private final Text.Names addresses;
    private final Text.Names alerting;
    private final Text.Names quiet;

    JsonLinesSink(Text.Output out) {
        this.out = out;
        Text.Names json = Text.Names.json(out.charset());
        this.json = json;
        this.devices = new Text.Names(s -> Text.concat(KEY[2], json.encoded(s), KEY[3]));
        this.addresses = new Text.Names(s -> Text.concat(json.encoded(s), KEY[4]));
        this.alerting = new Text.Names(s -> Text.concat(KEY[5], json.encoded(s), TRUE));
        this.quiet = new Text.Names(s -> Text.concat(KEY[5], json.encoded(s), FALSE));
    }

    @Override
    public void accept(Detection d) throws IOException {
        DetectedEvent e = d.event();
        byte[] device = devices.encoded(d.device());
        byte[] address = addresses.encoded(d.deviceAddress());
        byte[] peer = d.peerAddress() == null ? NULL : json.encoded(d.peerAddress());
        byte[] event = (e.privacy() ? alerting : quiet).encoded(e.event());
        byte[] b = out.room(device.length + address.length + peer.length + event.length + MAX_FIXED);
        // in the order of DetectionSink.KEYS
        int at = TS.put(b, out.used);
        at = Text.seconds(b, at, e.startNanos());
        at = UID.put(b, at);
        at = Text.hex16(b, at, d.id());
        b[at++] = '"';
        at = Text.put(b, at, device);
        at = Text.put(b, at, address);
        at = Text.put(b, at, peer);
        at = Text.put(b, at, event);
        at = Text.number(b, at, e.packets());
        at = END.put(b, at);
        at = Text.seconds(b, at, e.endNanos());
        at = DISTANCE.put(b, at);
        at = Double.isInfinite(e.distance()) ? Text.put(b, at, NULL) : Text.distance(b, at, e.distance());
        at = FIRST_FRAME.put(b, at);
        at = Text.number(b, at, e.firstFrame());
        at = LAST_FRAME.put(b, at);
        at = Text.number(b, at, e.lastFrame());
        out.used = CLOSE.put(b, at);
        out.endLine();
    }

    /** The detection's line, newline included (the Flink job writes the same, its home first). */
    public static String line(Detection d) {
        JsonLinesSink sink = TEXT.get();
        try {
            sink.accept(d);
        } catch (IOException x) {
            throw new java.io.UncheckedIOException(x); // the buffer is big enough for a line: nothing is written
        }
        Text.Output o = sink.out;
        String line = new String(o.buffer, 0, o.used, StandardCharsets.UTF_8);
        o.used = 0;
        return line;
    }

    /** Per thread, a sink whose line is taken from its buffer ({@link #line}): its names stay encoded between calls. */
    private static final ThreadLocal<JsonLinesSink> TEXT = ThreadLocal.withInitial(
            () -> new JsonLinesSink(Text.Output.of(OutputStream.nullOutputStream(), StandardCharsets.UTF_8)));

    /** {@code s} as a JSON string. */
    public static String quote(String s) {
        return Text.line().json(s).toString();
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
