package org.iotevent.detect;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.BufferedOutputStream;
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

    private Text() {}

    /** Where a sink's lines go: bytes to a stream, or text to a writer. */
    abstract static class Output {
        /** The encoding of the names in a line. */
        abstract Charset charset();

        abstract void write(Line line) throws IOException;

        abstract void flush() throws IOException;

        /** Lines to {@code out}, encoded in {@code charset}, through a buffer of this output's own. */
        static Output of(OutputStream out, Charset charset) {
            BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            return new Output() {
                @Override
                Charset charset() {
                    return charset;
                }

                @Override
                void write(Line line) throws IOException {
                    buffered.write(line.buf, 0, line.len);
                }

                @Override
                void flush() throws IOException {
                    buffered.flush();
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
        /** Names seen are encoded once; a capture with more distinct peers than this starts the cache over. */
        private static final int CACHED = 4096;
        private byte[] buf = new byte[256];
        private int len;
        private final Charset charset;
        private final Map<String, byte[]> plain = new HashMap<>();
        private final Map<String, byte[]> json = new HashMap<>();
        private final Map<String, byte[]> csv = new HashMap<>();

        Line(Charset charset) {
            this.charset = charset;
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

        private byte[] encoded(Map<String, byte[]> cache, String s, java.util.function.UnaryOperator<String> form) {
            byte[] b = cache.get(s);
            if (b == null) {
                if (cache.size() == CACHED) {
                    cache.clear();
                }
                b = form.apply(s).getBytes(charset);
                cache.put(s, b);
            }
            return b;
        }

        /** {@code s} as it is. */
        Line string(String s) {
            return bytes(encoded(plain, s, x -> x));
        }

        /** {@code s} as a JSON string with its quotes, escaped as Jackson escapes it. */
        Line json(String s) {
            return bytes(encoded(json, s, Text::jsonQuoted));
        }

        /** {@code s} as an RFC 4180 field: quoted, its quotes doubled, when it holds a comma, quote or line break. */
        Line csv(String s) {
            return bytes(encoded(csv, s, Text::csvField));
        }

        /** {@code true} or {@code false}. */
        Line bool(boolean b) {
            return ascii(b ? "true" : "false");
        }

        /** {@code value} in decimal. */
        Line number(long value) {
            if (value < 0) {
                if (value == Long.MIN_VALUE) {
                    return ascii(Long.toString(value));
                }
                ascii('-');
                value = -value;
            }
            return zeroPadded(value, 1);
        }

        /** {@code value >= 0} in decimal, left-padded with zeros to {@code digits} (at most 19). */
        Line zeroPadded(long value, int digits) {
            int n = 1;
            for (long v = value / 10; v > 0; v /= 10) {
                n++;
            }
            n = Math.max(n, digits);
            room(n);
            int at = len + n;
            len = at;
            do {
                buf[--at] = (byte) ('0' + value % 10);
                value /= 10;
                n--;
            } while (value > 0);
            while (n-- > 0) {
                buf[--at] = '0';
            }
            return this;
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
            return zeroPadded(nanos / 1_000_000_000L, 1).ascii('.').zeroPadded(nanos % 1_000_000_000L, 9);
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
            return number(milli / 1000).ascii('.').zeroPadded(milli % 1000, 3);
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
            zeroPadded(year, 4).ascii('-').zeroPadded(month, 2).ascii('-').zeroPadded(day, 2).ascii(' ');
            zeroPadded(secondOfDay / 3600, 2).ascii(':').zeroPadded(secondOfDay / 60 % 60, 2).ascii(':');
            return zeroPadded(secondOfDay % 60, 2).ascii('.').zeroPadded(Math.floorMod(nanos, 1_000_000_000L) / 1_000_000, 3);
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
            ascii("iotevent: ALERT ");
            if (device != null) {
                string(device).ascii('/');
            }
            string(e.event()).ascii(" at ").isoMillis(e.startNanos()).ascii(" (frames ").number(e.firstFrame()).ascii('-')
                    .number(e.lastFrame()).ascii(", ").number(e.packets()).ascii(" packets, distance ");
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
