package org.iotevent.detect;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The lines the sinks and alerts write, built field by field as bytes in one reused buffer: digits
 * written straight into it, each name encoded once (a million detections a run, no temporary
 * string or char-to-byte conversion a line).
 */
final class Text {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] ALERT = ascii("iotevent: ALERT ", " at ", " (frames ", ", ", " packets, distance ");
    /** "00" to "99", two bytes each. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
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

    /** Where a sink's lines go: bytes to a stream, or text to a writer. */
    abstract static class Output {
        /** The encoding of the names in a line. */
        abstract Charset charset();

        abstract void write(Line line) throws IOException;

        abstract void flush() throws IOException;

        /**
         * Lines to {@code out}, encoded in {@code charset}, through a buffer of this output's own (one
         * thread's: no lock a line, as a {@link java.io.BufferedOutputStream} takes).
         */
        static Output of(OutputStream out, Charset charset) {
            return new Output() {
                private final byte[] buffer = new byte[1 << 16];
                private int used;

                @Override
                Charset charset() {
                    return charset;
                }

                @Override
                void write(Line line) throws IOException {
                    if (line.len > buffer.length - used) {
                        drain();
                        if (line.len > buffer.length) {
                            out.write(line.buf, 0, line.len);
                            return;
                        }
                    }
                    System.arraycopy(line.buf, 0, buffer, used, line.len);
                    used += line.len;
                }

                private void drain() throws IOException {
                    if (used > 0) {
                        int n = used;
                        used = 0;
                        out.write(buffer, 0, n);
                    }
                }

                @Override
                void flush() throws IOException {
                    drain();
                    out.flush();
                }
            };
        }

        /** Lines to {@code out} as text (built in UTF-8, decoded for the writer). */
        static Output of(Writer out) {
            return new Output() {
                @Override
                Charset charset() {
                    return StandardCharsets.UTF_8;
                }

                @Override
                void write(Line line) throws IOException {
                    out.write(line.toString());
                }

                @Override
                void flush() throws IOException {
                    out.flush();
                }
            };
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

        Line(Charset charset) {
            this.charset = charset;
            this.plain = new Names(x -> x, charset);
            this.json = new Names(Text::jsonQuoted, charset);
            this.csv = new Names(Text::csvField, charset);
        }

        /** Empties the line for the next one. */
        Line start() {
            len = 0;
            return this;
        }

        int length() {
            return len;
        }

        private void room(int n) {
            if (len + n > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
            }
        }

        /** One ASCII character. */
        Line ascii(char c) {
            room(1);
            buf[len++] = (byte) c;
            return this;
        }

        /** Bytes of a constant (ASCII). */
        Line ascii(byte[] b) {
            return bytes(b);
        }

        /** A constant of ASCII characters. */
        Line ascii(String s) {
            int n = s.length();
            room(n);
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) s.charAt(i);
            }
            return this;
        }

        private Line bytes(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
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
            if (value >= 0 && value <= Integer.MAX_VALUE) {
                return number((int) value); // frames, packets, seconds until 2038: int arithmetic
            }
            if (value < 0) {
                if (value == Long.MIN_VALUE) {
                    return ascii(Long.toString(value));
                }
                ascii('-');
                value = -value;
            }
            int n = digits(value);
            room(n);
            int at = len + n;
            len = at;
            // two digits a step from a table, in long arithmetic only while the value needs it
            while (value > Integer.MAX_VALUE) {
                long q = value / 100;
                int r = (int) (value - q * 100);
                buf[--at] = PAIRS[2 * r + 1];
                buf[--at] = PAIRS[2 * r];
                value = q;
            }
            digitsBefore((int) value, at);
            return this;
        }

        /** {@code 0 <= value} in decimal. */
        private Line number(int value) {
            int n = digits(value);
            room(n);
            len += n;
            digitsBefore(value, len);
            return this;
        }

        /** Writes the decimal digits of {@code 0 <= value} so that they end just before {@code at}. */
        private void digitsBefore(int value, int at) {
            while (value >= 100) { // two digits a step from a table
                int q = value / 100;
                int r = value - q * 100;
                buf[--at] = PAIRS[2 * r + 1];
                buf[--at] = PAIRS[2 * r];
                value = q;
            }
            if (value >= 10) {
                buf[--at] = PAIRS[2 * value + 1];
                buf[--at] = PAIRS[2 * value];
            } else {
                buf[--at] = (byte) ('0' + value);
            }
        }

        /** Decimal digits of {@code 0 <= value}. */
        private static int digits(int value) {
            // from the bit length (1233/4096 is about log10(2)), then one comparison; value | 1 has
            // the same digits (no power of ten is odd) and counts 0 as one digit
            int v = value | 1;
            int estimate = ((32 - Integer.numberOfLeadingZeros(v)) * 1233) >>> 12;
            return estimate + (v >= POWERS[estimate] ? 1 : 0);
        }

        /** 10^i, i = 0..9. */
        private static final int[] POWERS = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
            1_000_000_000};

        /** Decimal digits of {@code value >= 0}. */
        private static int digits(long value) {
            int n = 1;
            for (long limit = 10; n < 19 && value >= limit; limit *= 10) {
                n++;
            }
            return n;
        }

        /*
         * Fixed-width fields without loops (a line's many small fields would otherwise be as many
         * loops for the JIT to compile, inlined at every call).
         */

        /** {@code 0 <= v < 100} as two digits. */
        Line two(int v) {
            room(2);
            buf[len] = PAIRS[2 * v];
            buf[len + 1] = PAIRS[2 * v + 1];
            len += 2;
            return this;
        }

        /** {@code 0 <= v < 1000} as three digits. */
        Line three(int v) {
            int h = v / 100;
            return ascii((char) ('0' + h)).two(v - h * 100);
        }

        /** {@code 0 <= v < 10^9} as nine digits. */
        Line nine(int v) {
            int hi = v / 10_000_000;
            int lo = v - hi * 10_000_000;
            int a = lo / 100_000;
            int b = lo - a * 100_000;
            int c = b / 1000;
            return two(hi).two(a).two(c).three(b - c * 1000);
        }

        /** {@code value} as 16 lower-case hex digits. */
        Line hex16(long value) {
            room(16);
            for (int shift = 60; shift >= 0; shift -= 4) {
                buf[len++] = HEX[(int) (value >>> shift) & 0xF];
            }
            return this;
        }

        /** Nanoseconds since the epoch as seconds with 9 decimals, e.g. {@code 1518557884.250000000}. */
        Line seconds(long nanos) {
            if (nanos < 0) {
                return ascii(BigDecimal.valueOf(nanos, 9).toPlainString());
            }
            return number(nanos / 1_000_000_000L).ascii('.').nine((int) (nanos % 1_000_000_000L));
        }

        /** A distance with 3 decimals (half up), or {@code inf}. */
        Line distance(double d) {
            if (Double.isInfinite(d)) {
                return ascii("inf");
            }
            if (d >= 1e15) {
                return ascii(String.format(java.util.Locale.ROOT, "%.3f", d));
            }
            long milli = Math.round(d * 1000);
            return number(milli / 1000).ascii('.').three((int) (milli % 1000));
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
         * Nanoseconds since the epoch as UTC {@code yyyy-MM-dd HH:mm:ss.SSS} (years 0 to 9999), the
         * civil date from the day number without a calendar object.
         */
        Line utcMillis(long nanos) {
            long seconds = Math.floorDiv(nanos, 1_000_000_000L);
            long days = Math.floorDiv(seconds, 86_400L);
            long secondOfDay = seconds - days * 86_400L;
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
            int sod = (int) secondOfDay;
            // years of a long's nanoseconds: 1677 to 2262, four digits
            two((int) (year / 100)).two((int) (year % 100)).ascii('-').two((int) month).ascii('-').two((int) day).ascii(' ');
            two(sod / 3600).ascii(':').two(sod / 60 % 60).ascii(':').two(sod % 60).ascii('.');
            return three((int) (Math.floorMod(nanos, 1_000_000_000L) / 1_000_000));
        }

        /**
         * Nanoseconds since the epoch at millisecond precision as {@link java.time.Instant#toString}
         * writes it: {@code 2026-01-01T00:00:00.250Z}, no fraction when the milliseconds are 0.
         */
        Line isoMillis(long nanos) {
            int from = len;
            utcMillis(nanos);
            buf[from + 10] = 'T';
            if (buf[len - 1] == '0' && buf[len - 2] == '0' && buf[len - 3] == '0') {
                len -= 4;
            }
            return ascii('Z');
        }

        /**
         * The alert line of a privacy event: {@code iotevent: ALERT [DEVICE/]EVENT at TIME (frames
         * F-L, N packets, distance D)}.
         *
         * @param device the device's name, or null when one device is watched
         */
        Line alert(String device, DetectedEvent e) {
            ascii(ALERT[0]);
            if (device != null) {
                string(device).ascii('/');
            }
            string(e.event()).ascii(ALERT[1]).isoMillis(e.startNanos()).ascii(ALERT[2]).number(e.firstFrame()).ascii('-')
                    .number(e.lastFrame()).ascii(ALERT[3]).number(e.packets()).ascii(ALERT[4]);
            return distance(e.distance()).ascii(')');
        }

        /** Writes the line to {@code out}. */
        void writeTo(OutputStream out) throws IOException {
            out.write(buf, 0, len);
        }

        /** The line as text. */
        @Override
        public String toString() {
            return new String(buf, 0, len, charset);
        }
    }

    /**
     * Names in one form ({@code form}: as they are, quoted...) encoded once: a line's names are
     * the same few string objects again and again (devices, labels, peers), found by identity in
     * a direct-mapped table before the map.
     */
    private static final class Names {
        /** A capture with more distinct names than this starts the map over. */
        private static final int CACHED = 4096;
        private static final int SLOTS = 1024;
        private final java.util.function.UnaryOperator<String> form;
        private final Map<String, byte[]> map = new HashMap<>();
        private final String[] keys = new String[SLOTS];
        private final byte[][] values = new byte[SLOTS][];
        private final Charset charset;

        Names(java.util.function.UnaryOperator<String> form, Charset charset) {
            this.form = form;
            this.charset = charset;
        }

        byte[] encoded(String s) {
            int slot = s.hashCode() & (SLOTS - 1);
            if (keys[slot] == s) {
                return values[slot];
            }
            byte[] b = map.get(s);
            if (b == null) {
                if (map.size() == CACHED) {
                    map.clear();
                }
                b = form.apply(s).getBytes(charset);
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
