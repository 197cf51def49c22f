package org.iotevent.detect;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;

/**
 * Appends the fields of detection lines into a reused {@link StringBuilder}, digits written
 * straight into it: a line costs no temporary string per field (a million detections a run).
 */
final class Text {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Scratch for the digits of one number (the sinks run on one thread each, maybe several sinks). */
    private static final ThreadLocal<char[]> DIGITS = ThreadLocal.withInitial(() -> new char[20]);

    private Text() {}

    /** Nanoseconds since the epoch as seconds with 9 decimals, e.g. {@code 1518557884.250000000}. */
    static StringBuilder seconds(StringBuilder sb, long nanos) {
        if (nanos < 0) {
            return sb.append(BigDecimal.valueOf(nanos, 9).toPlainString());
        }
        zeroPadded(sb, nanos / 1_000_000_000L, 1).append('.');
        return zeroPadded(sb, nanos % 1_000_000_000L, 9);
    }

    /** A distance with 3 decimals (half up), or {@code inf}. */
    static StringBuilder distance(StringBuilder sb, double d) {
        if (Double.isInfinite(d)) {
            return sb.append("inf");
        }
        if (d >= 1e15) {
            return sb.append(String.format(java.util.Locale.ROOT, "%.3f", d));
        }
        long milli = Math.round(d * 1000);
        sb.append(milli / 1000).append('.');
        return zeroPadded(sb, milli % 1000, 3);
    }

    /** {@code value >= 0} in decimal, left-padded with zeros to {@code digits} (at most 19). */
    static StringBuilder zeroPadded(StringBuilder sb, long value, int digits) {
        char[] buf = DIGITS.get();
        int at = buf.length;
        do {
            buf[--at] = (char) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        while (buf.length - at < digits) {
            buf[--at] = '0';
        }
        return sb.append(buf, at, buf.length - at);
    }

    /** {@code value} as 16 lower-case hex digits. */
    static StringBuilder hex16(StringBuilder sb, long value) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            sb.append(HEX[(int) (value >>> shift) & 0xF]);
        }
        return sb;
    }

    /** {@code s} as a JSON string with its quotes, escaped as Jackson escapes it. */
    static StringBuilder json(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return sb.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
            }
        }
        return sb.append('"').append(s).append('"');
    }

    /** {@code s} as an RFC 4180 field: quoted, its quotes doubled, when it holds a comma, quote or line break. */
    static StringBuilder csv(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return sb.append('"').append(s.replace("\"", "\"\"")).append('"');
            }
        }
        return sb.append(s);
    }

    /** {@code s}, then spaces up to {@code width} characters (as {@code %-WIDTHs}). */
    static StringBuilder left(StringBuilder sb, CharSequence s, int width) {
        sb.append(s);
        return spaces(sb, width - s.length());
    }

    /** Right-aligns what was appended from {@code from} on in {@code width} characters (as {@code %WIDTHs}). */
    static StringBuilder rightFrom(StringBuilder sb, int from, int width) {
        for (int pad = width - (sb.length() - from); pad > 0; pad--) {
            sb.insert(from, ' ');
        }
        return sb;
    }

    static StringBuilder spaces(StringBuilder sb, int n) {
        for (; n > 0; n--) {
            sb.append(' ');
        }
        return sb;
    }

    /**
     * Nanoseconds since the epoch as UTC {@code yyyy-MM-dd HH:mm:ss.SSS} (years 0 to 9999), the
     * civil date from the day number without a calendar object.
     */
    static StringBuilder utcMillis(StringBuilder sb, long nanos) {
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
        zeroPadded(sb, year, 4).append('-');
        zeroPadded(sb, month, 2).append('-');
        zeroPadded(sb, day, 2).append(' ');
        zeroPadded(sb, secondOfDay / 3600, 2).append(':');
        zeroPadded(sb, secondOfDay / 60 % 60, 2).append(':');
        zeroPadded(sb, secondOfDay % 60, 2).append('.');
        return zeroPadded(sb, Math.floorMod(nanos, 1_000_000_000L) / 1_000_000, 3);
    }

    /**
     * Nanoseconds since the epoch at millisecond precision as {@link java.time.Instant#toString}
     * writes it: {@code 2026-01-01T00:00:00.250Z}, no fraction when the milliseconds are 0.
     */
    static StringBuilder isoMillis(StringBuilder sb, long nanos) {
        int from = sb.length();
        utcMillis(sb, nanos);
        sb.setCharAt(from + 10, 'T');
        if (sb.charAt(sb.length() - 1) == '0' && sb.charAt(sb.length() - 2) == '0' && sb.charAt(sb.length() - 3) == '0') {
            sb.setLength(sb.length() - 4);
        }
        return sb.append('Z');
    }

    /**
     * The alert line of a privacy event: {@code iotevent: ALERT [DEVICE/]EVENT at TIME (frames
     * F-L, N packets, distance D)}.
     *
     * @param device the device's name, or null when one device is watched
     */
    static StringBuilder alert(StringBuilder sb, String device, DetectedEvent e) {
        sb.append("iotevent: ALERT ");
        if (device != null) {
            sb.append(device).append('/');
        }
        isoMillis(sb.append(e.event()).append(" at "), e.startNanos()).append(" (frames ").append(e.firstFrame())
                .append('-').append(e.lastFrame()).append(", ").append(e.packets()).append(" packets, distance ");
        return distance(sb, e.distance()).append(')');
    }

    /** A line builder and the char buffer it is copied through to a writer, both reused. */
    static final class Line {
        final StringBuilder sb = new StringBuilder(256);
        private char[] chars = new char[256];

        /** An empty builder for the next line. */
        StringBuilder start() {
            sb.setLength(0);
            return sb;
        }

        /** Writes the built line to {@code out}. */
        void writeTo(Writer out) throws IOException {
            int n = sb.length();
            if (chars.length < n) {
                chars = new char[Math.max(n, chars.length * 2)];
            }
            sb.getChars(0, n, chars, 0);
            out.write(chars, 0, n);
        }
    }
}
