package org.iotevent.detect;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The lines the sinks and alerts write, built as bytes: digits written straight into a buffer
 * (four a step from a table), each name encoded once (a million detections a run, no temporary
 * string or char-to-byte conversion a line). The writers at an offset ({@link #number(byte[], int,
 * long)}...) may write up to {@value #SLACK} bytes past what they return: a buffer keeps that
 * much room beyond its line.
 */
final class Text {
    /** Bytes a writer may touch past its end (a group of digits is stored as one int, a constant as two longs). */
    static final int SLACK = 16;
    /** The most bytes a number, a time in seconds or a distance takes (a distance from 1e15 up: {@code %.3f}). */
    static final int MAX_NUMBER = 24;
    static final int MAX_DISTANCE = 320;
    /** "00" to "99", two bytes each. */
    private static final byte[] PAIRS = new byte[200];
    /** "0000" to "9999", the four digits of each packed in an int, the first in its low byte. */
    private static final int[] QUADS = new int[10_000];
    /** An int stored as four bytes of a byte array, low byte first. */
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        for (int i = 0; i < QUADS.length; i++) {
            QUADS[i] = ('0' + i / 1000) | ('0' + i / 100 % 10) << 8 | ('0' + i / 10 % 10) << 16 | ('0' + i % 10) << 24;
        }
    }

    private Text() {}

    /** The bytes of ASCII constants. */
    static byte[][] ascii(String... constants) {
        byte[][] out = new byte[constants.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = constants[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    /** The byte arrays one after the other (a run of a line made once). */
    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /*
     * Writers at an offset: each writes into b from at and returns where it ended. The caller
     * makes room (the value's bytes and SLACK).
     */

    /** {@code src} at {@code at}. */
    static int put(byte[] b, int at, byte[] src) {
        System.arraycopy(src, 0, b, at, src.length);
        return at + src.length;
    }

    /**
     * An ASCII constant of up to 16 bytes written as two longs (the short keys of a line: no
     * call to copy them); writes up to 16 bytes, {@link #SLACK} past its end.
     */
    record Constant(long first, long second, int length) {
        static Constant of(byte[] b) {
            if (b.length > 16) {
                throw new IllegalArgumentException("a constant of " + b.length + " bytes");
            }
            byte[] padded = java.util.Arrays.copyOf(b, 16);
            return new Constant((long) LONG.get(padded, 0), (long) LONG.get(padded, 8), b.length);
        }

        int put(byte[] b, int at) {
            LONG.set(b, at, first);
            LONG.set(b, at + 8, second);
            return at + length;
        }
    }

    /** The characters of an ASCII string. */
    static int putAscii(byte[] b, int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            b[at++] = (byte) s.charAt(i);
        }
        return at;
    }

    /** {@code value} in decimal. */
    static int number(byte[] b, int at, long value) {
        if (value >= 0 && value < 100_000_000) {
            return digits(b, at, (int) value); // frames, packets: below 10^8
        }
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                return putAscii(b, at, Long.toString(value));
            }
            b[at++] = '-';
            value = -value;
        }
        return longDigits(b, at, value);
    }

    /** {@code 0 <= value < 10^8} in decimal: at most two groups of four digits. */
    private static int digits(byte[] b, int at, int value) {
        if (value < 10_000) {
            return leading(b, at, value);
        }
        int q = value / 10_000;
        at = leading(b, at, q);
        INT.set(b, at, QUADS[value - q * 10_000]);
        return at + 4;
    }

    /** {@code value >= 0} in decimal, four digits a step. */
    private static int longDigits(byte[] b, int at, long value) {
        if (value < 100_000_000) {
            return digits(b, at, (int) value);
        }
        long q = value / 10_000;
        at = longDigits(b, at, q);
        INT.set(b, at, QUADS[(int) (value - q * 10_000)]);
        return at + 4;
    }

    /** {@code 0 <= v < 10^4} without leading zeros: its group of four shifted past them. */
    private static int leading(byte[] b, int at, int v) {
        int n = v >= 100 ? (v >= 1000 ? 4 : 3) : (v >= 10 ? 2 : 1);
        INT.set(b, at, QUADS[v] >>> (8 * (4 - n)));
        return at + n;
    }

    /** {@code 0 <= v < 100} as two digits. */
    static int two(byte[] b, int at, int v) {
        b[at] = PAIRS[2 * v];
        b[at + 1] = PAIRS[2 * v + 1];
        return at + 2;
    }

    /** {@code 0 <= v < 1000} as three digits. */
    static int three(byte[] b, int at, int v) {
        INT.set(b, at, QUADS[v] >>> 8);
        return at + 3;
    }

    /** {@code 0 <= v < 10^9} as nine digits. */
    static int nine(byte[] b, int at, int v) {
        int hi = v / 100_000_000;
        int lo = v - hi * 100_000_000;
        int mid = lo / 10_000;
        b[at] = (byte) ('0' + hi);
        INT.set(b, at + 1, QUADS[mid]);
        INT.set(b, at + 5, QUADS[lo - mid * 10_000]);
        return at + 9;
    }

    /** {@code value} as 16 lower-case hex digits. */
    static int hex16(byte[] b, int at, long value) {
        // each half's eight digits in one long: a nibble a byte, then each byte made its digit
        LONG.set(b, at, hexDigits((int) (value >>> 32)));
        LONG.set(b, at + 8, hexDigits((int) value));
        return at + 16;
    }

    /** The eight hex digits of {@code v} as the bytes of a long, the first in the low byte. */
    private static long hexDigits(int v) {
        long x = Integer.reverseBytes(v) & 0xFFFF_FFFFL; // the first digit's byte lowest
        // spread the bytes, then the nibbles: each nibble in a byte of its own, high nibble first
        x = (x | x << 16) & 0x0000_FFFF_0000_FFFFL;
        x = (x | x << 8) & 0x00FF_00FF_00FF_00FFL;
        x = (x >>> 4 | x << 8) & 0x0F0F_0F0F_0F0F_0F0FL;
        // '0' + d for d < 10, 'a' - 10 + d above: + 0x27 where d + 6 carries into bit 4
        long letters = ((x + 0x0606_0606_0606_0606L) >>> 4) & 0x0101_0101_0101_0101L;
        return x + 0x3030_3030_3030_3030L + letters * 0x27;
    }

    /** Nanoseconds since the epoch as seconds with 9 decimals, e.g. {@code 1518557884.250000000}. */
    static int seconds(byte[] b, int at, long nanos) {
        if (nanos < 0) {
            return putAscii(b, at, BigDecimal.valueOf(nanos, 9).toPlainString());
        }
        long s = nanos / 1_000_000_000L;
        at = longDigits(b, at, s);
        b[at] = '.';
        return nine(b, at + 1, (int) (nanos - s * 1_000_000_000L));
    }

    /** A distance with 3 decimals (half up), or {@code inf} ({@link #MAX_DISTANCE} bytes at most). */
    static int distance(byte[] b, int at, double d) {
        if (Double.isInfinite(d)) {
            return putAscii(b, at, "inf");
        }
        if (d >= 1e15) {
            return putAscii(b, at, String.format(java.util.Locale.ROOT, "%.3f", d));
        }
        long milli = Math.round(d * 1000);
        long whole = milli / 1000;
        at = longDigits(b, at, whole);
        b[at] = '.';
        return three(b, at + 1, (int) (milli - whole * 1000));
    }

    /**
     * UTC {@code yyyy-MM-dd} of a day since the epoch (years 0 to 9999), the civil date from the
     * day number without a calendar object.
     */
    static int date(byte[] b, int at, long days) {
        // days since 0000-03-01 in 400-year eras (H. Hinnant's civil_from_days)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        // years of a long's nanoseconds: 1677 to 2262, four digits
        at = two(b, at, (int) (year / 100));
        at = two(b, at, (int) (year % 100));
        b[at] = '-';
        at = two(b, at + 1, (int) month);
        b[at] = '-';
        return two(b, at + 1, (int) day);
    }

    /** {@code HH:mm:ss} of a second of the day. */
    static int timeOfDay(byte[] b, int at, int sod) {
        at = two(b, at, sod / 3600);
        b[at] = ':';
        at = two(b, at + 1, sod / 60 % 60);
        b[at] = ':';
        return two(b, at + 1, sod % 60);
    }

    /**
     * The UTC date of nanoseconds since the epoch, worked out again only when the day changes (the
     * lines of a capture come a day after another). Not thread-safe.
     */
    static final class Days {
        private long day = Long.MIN_VALUE;
        private final byte[] text = new byte[10 + SLACK];

        /** Writes {@code yyyy-MM-dd} of {@code day} (days since the epoch). */
        int put(byte[] b, int at, long day) {
            if (day != this.day) {
                date(text, 0, day);
                this.day = day;
            }
            System.arraycopy(text, 0, b, at, 10);
            return at + 10;
        }

        /**
         * Writes UTC {@code yyyy-MM-dd}, {@code separator}, {@code HH:mm:ss} of {@code nanos} since
         * the epoch (the date as {@link #put} writes it); the milliseconds are {@link #millis}'s.
         */
        int dateTime(byte[] b, int at, long nanos, char separator) {
            long seconds = Math.floorDiv(nanos, 1_000_000_000L);
            long day = Math.floorDiv(seconds, 86_400L);
            at = put(b, at, day);
            b[at] = (byte) separator;
            return timeOfDay(b, at + 1, (int) (seconds - day * 86_400L));
        }

        /** The milliseconds of {@code nanos} within its second. */
        static int millis(long nanos) {
            return (int) (Math.floorMod(nanos, 1_000_000_000L) / 1_000_000);
        }
    }

    /**
     * Where a sink's lines go: the sink writes each line into {@link #buffer} from {@link #used}
     * (after {@link #room}) and ends it with {@link #endLine}; bytes to a stream, or text to a
     * writer. The buffer is one thread's: no lock a line, as a {@link java.io.BufferedOutputStream} takes.
     */
    static final class Output {
        byte[] buffer;
        int used;
        private final OutputStream stream;
        private final Writer writer;
        private final Charset charset;

        private Output(OutputStream stream, Writer writer, Charset charset, int size) {
            this.stream = stream;
            this.writer = writer;
            this.charset = charset;
            this.buffer = new byte[size];
        }

        /** Lines to {@code out}, encoded in {@code charset}, buffered 64 KB at a time. */
        static Output of(OutputStream out, Charset charset) {
            return new Output(out, null, charset, 1 << 16);
        }

        /** Lines to {@code out} as text (built in UTF-8, decoded for the writer), each at once. */
        static Output of(Writer out) {
            return new Output(null, out, StandardCharsets.UTF_8, 1024);
        }

        /** The encoding of the names in a line. */
        Charset charset() {
            return charset;
        }

        /** The buffer, with at least {@code n} bytes free from {@link #used} on. */
        byte[] room(int n) throws IOException {
            if (n > buffer.length - used) {
                drain();
                if (n > buffer.length) {
                    buffer = new byte[Math.max(n, 2 * buffer.length)];
                }
            }
            return buffer;
        }

        /** The line written into the buffer ends at {@link #used}. */
        void endLine() throws IOException {
            if (writer != null) {
                drain();
            }
        }

        /** Writes a line built apart. */
        void write(Line line) throws IOException {
            byte[] b = room(line.len);
            System.arraycopy(line.buf, 0, b, used, line.len);
            used += line.len;
            endLine();
        }

        private void drain() throws IOException {
            if (used > 0) {
                int n = used;
                used = 0;
                if (writer != null) {
                    writer.write(new String(buffer, 0, n, charset));
                } else {
                    stream.write(buffer, 0, n);
                }
            }
        }

        void flush() throws IOException {
            drain();
            if (writer != null) {
                writer.flush();
            } else {
                stream.flush();
            }
        }
    }

    /** One line as bytes: a reused buffer, names encoded once in the output's charset. Not thread-safe. */
    static final class Line {
        private byte[] buf = new byte[256];
        private int len;
        private final Charset charset;
        private final Names plain;
        private final Names json;
        private final Names csv;
        private final Days days = new Days();

        Line(Charset charset) {
            this.charset = charset;
            this.plain = Names.plain(charset);
            this.json = Names.json(charset);
            this.csv = Names.csv(charset);
        }

        /** Empties the line for the next one. */
        Line start() {
            len = 0;
            return this;
        }

        int length() {
            return len;
        }

        /** The buffer with room for {@code n} more bytes (and {@link #SLACK}). */
        private byte[] room(int n) {
            if (len + n + SLACK > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(len + n + SLACK, buf.length * 2));
            }
            return buf;
        }

        /** One ASCII character. */
        Line ascii(char c) {
            room(1)[len++] = (byte) c;
            return this;
        }

        /** Bytes of a constant (ASCII). */
        Line ascii(byte[] b) {
            return bytes(b);
        }

        /** A constant of ASCII characters. */
        Line ascii(String s) {
            len = putAscii(room(s.length()), len, s);
            return this;
        }

        private Line bytes(byte[] b) {
            len = put(room(b.length), len, b);
            return this;
        }

        /** {@code s} as it is. */
        Line string(String s) {
            return bytes(plain.encoded(s));
        }

        /** {@code s} as a JSON string with its quotes, escaped as Jackson escapes it. */
        Line json(String s) {
            return bytes(json.encoded(s));
        }

        /** {@code s} as an RFC 4180 field: quoted, its quotes doubled, when it holds a comma, quote or line break. */
        Line csv(String s) {
            return bytes(csv.encoded(s));
        }

        /** {@code true} or {@code false}. */
        Line bool(boolean b) {
            return ascii(b ? "true" : "false");
        }

        /** {@code value} in decimal. */
        Line number(long value) {
            len = Text.number(room(MAX_NUMBER), len, value);
            return this;
        }

        /** {@code 0 <= v < 1000} as three digits. */
        Line three(int v) {
            len = Text.three(room(3), len, v);
            return this;
        }

        /** {@code value} as 16 lower-case hex digits. */
        Line hex16(long value) {
            len = Text.hex16(room(16), len, value);
            return this;
        }

        /** Nanoseconds since the epoch as seconds with 9 decimals, e.g. {@code 1518557884.250000000}. */
        Line seconds(long nanos) {
            len = Text.seconds(room(MAX_NUMBER), len, nanos);
            return this;
        }

        /** A distance with 3 decimals (half up), or {@code inf}. */
        Line distance(double d) {
            len = Text.distance(room(MAX_DISTANCE), len, d);
            return this;
        }

        /** {@code s}, then spaces up to {@code width} characters (as {@code %-WIDTHs}). */
        Line left(String s, int width) {
            return string(s).spaces(width - s.length());
        }

        /** Right-aligns what was appended from {@code from} on in {@code width} characters (as {@code %WIDTHs}; ASCII). */
        Line rightFrom(int from, int width) {
            int pad = width - (len - from);
            if (pad > 0) {
                room(pad);
                System.arraycopy(buf, from, buf, from + pad, len - from);
                java.util.Arrays.fill(buf, from, from + pad, (byte) ' ');
                len += pad;
            }
            return this;
        }

        Line spaces(int n) {
            for (; n > 0; n--) {
                ascii(' ');
            }
            return this;
        }

        /**
         * Nanoseconds since the epoch as UTC {@code yyyy-MM-dd HH:mm:ss.SSS} (years 0 to 9999); the
         * date worked out once a day of lines.
         */
        Line utcMillis(long nanos) {
            byte[] b = room(23);
            int at = days.dateTime(b, len, nanos, ' ');
            b[at] = '.';
            len = Text.three(b, at + 1, Days.millis(nanos));
            return this;
        }

        /** The line as text. */
        @Override
        public String toString() {
            return new String(buf, 0, len, charset);
        }
    }

    /**
     * Names in one form (as they are, quoted, or a run of a line around them) encoded once: a
     * line's names are the same few string objects again and again (devices, labels, peers), found
     * by identity, then by text, in a direct-mapped table before the map.
     */
    static final class Names {
        /** A capture with more distinct names than this starts the map over. */
        private static final int CACHED = 4096;
        private static final int SLOTS = 1024;
        private final java.util.function.Function<String, byte[]> form;
        private final Map<String, byte[]> map = new HashMap<>();
        private final String[] keys = new String[SLOTS];
        private final byte[][] values = new byte[SLOTS][];

        /** @param form the bytes of a name (or of a run of a line around it) */
        Names(java.util.function.Function<String, byte[]> form) {
            this.form = form;
        }

        static Names plain(Charset charset) {
            return new Names(s -> s.getBytes(charset));
        }

        /** As JSON strings with their quotes, escaped as Jackson escapes them. */
        static Names json(Charset charset) {
            return new Names(s -> jsonQuoted(s).getBytes(charset));
        }

        /** As RFC 4180 fields: quoted, quotes doubled, when they hold a comma, quote or line break. */
        static Names csv(Charset charset) {
            return new Names(s -> csvField(s).getBytes(charset));
        }

        byte[] encoded(String s) {
            int slot = s.hashCode() & (SLOTS - 1);
            return keys[slot] == s ? values[slot] : missed(s, slot); // small enough to be inlined
        }

        private byte[] missed(String s, int slot) {
            if (s.equals(keys[slot])) {
                return values[slot]; // the same text as another object (each device keeps its own peers' strings)
            }
            byte[] b = map.get(s);
            if (b == null) {
                if (map.size() == CACHED) {
                    map.clear();
                }
                b = form.apply(s);
                map.put(s, b);
            }
            keys[slot] = s;
            values[slot] = b;
            return b;
        }
    }

    /** A line in UTF-8 for text ({@link Line#toString}). */
    static Line line() {
        return new Line(StandardCharsets.UTF_8);
    }

    private static String jsonQuoted(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
            }
        }
        return '"' + s + '"';
    }

    private static String csvField(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + s.replace("\"", "\"\"") + '"';
            }
        }
        return s;
    }
}
