package org.iotevent.detect;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Writes the alert line of a privacy event into one reused byte buffer (a whole home can raise a
 * million alerts a run): {@code iotevent: ALERT [DEVICE/]EVENT at 2026-01-01T00:00:00.250Z
 * (frames F-L, N packets, distance D)}. Its start up to the time is made once per device and
 * event, the date once a day of alerts. Not thread-safe.
 */
public final class AlertLine {
    private static final byte[][] TEXT = Text.ascii("iotevent: ALERT ", "/", " at ", " (frames ", ", ", " packets, distance ");
    private static final Text.Constant FRAMES = Text.Constant.of(TEXT[3]);
    private static final Text.Constant COMMA = Text.Constant.of(TEXT[4]);
    private static final byte[] DISTANCE = TEXT[5];
    private static final byte[] NEWLINE = System.lineSeparator().getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_FIXED = 96 + 3 * Text.MAX_NUMBER + Text.MAX_DISTANCE + NEWLINE.length + Text.SLACK;
    private final Charset charset;
    private byte[] buf = new byte[256];
    private int len;
    /** Per device, {@code iotevent: ALERT DEVICE/}. */
    private final Text.Names devices;
    /** Per event, {@code EVENT at }. */
    private final Text.Names events;
    private final Text.Days days = new Text.Days();

    /** Lines whose names are encoded in UTF-8. */
    public AlertLine() {
        this(StandardCharsets.UTF_8);
    }

    /** Lines whose names are encoded in {@code charset} (that of the stream they are written to). */
    public AlertLine(Charset charset) {
        this.charset = charset;
        Text.Names plain = Text.Names.plain(charset);
        this.devices = new Text.Names(s -> Text.concat(TEXT[0], plain.encoded(s), TEXT[1]));
        this.events = new Text.Names(s -> Text.concat(plain.encoded(s), TEXT[2]));
    }

    /**
     * Builds the line of {@code e}, valid until the next call.
     *
     * @param device the device's name when several are watched, else null
     * @return this
     */
    public AlertLine of(String device, DetectedEvent e) {
        byte[] start = device == null ? TEXT[0] : devices.encoded(device);
        byte[] event = events.encoded(e.event());
        int n = start.length + event.length + MAX_FIXED;
        if (n > buf.length) {
            buf = new byte[n];
        }
        byte[] b = buf;
        int at = Text.put(b, 0, start);
        at = Text.put(b, at, event);
        at = isoMillis(b, at, e.startNanos());
        at = FRAMES.put(b, at);
        at = Text.number(b, at, e.firstFrame());
        b[at++] = '-';
        at = Text.number(b, at, e.lastFrame());
        at = COMMA.put(b, at);
        at = Text.number(b, at, e.packets());
        at = Text.put(b, at, DISTANCE);
        at = Text.distance(b, at, e.distance());
        b[at] = ')';
        len = at + 1;
        return this;
    }

    /**
     * Nanoseconds since the epoch at millisecond precision as {@link java.time.Instant#toString}
     * writes it: {@code 2026-01-01T00:00:00.250Z}, no fraction when the milliseconds are 0.
     */
    private int isoMillis(byte[] b, int at, long nanos) {
        at = days.dateTime(b, at, nanos, 'T');
        int millis = Text.Days.millis(nanos);
        if (millis != 0) {
            b[at] = '.';
            at = Text.three(b, at + 1, millis);
        }
        b[at] = 'Z';
        return at + 1;
    }

    /** Writes the line and the system's line separator to {@code out} in one write. */
    public void writeLineTo(OutputStream out) throws IOException {
        System.arraycopy(NEWLINE, 0, buf, len, NEWLINE.length);
        out.write(buf, 0, len + NEWLINE.length);
    }

    /** The line as text. */
    @Override
    public String toString() {
        return new String(buf, 0, len, charset);
    }
}
