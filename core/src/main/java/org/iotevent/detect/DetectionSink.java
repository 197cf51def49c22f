package org.iotevent.detect;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/** Receives detections one at a time, in burst order. Does not close the writer it was given. */
public interface DetectionSink {
    /** The fields of a detection as JSON Lines (keys) and CSV (header) write them, in order (Zeek's ts and uid first). */
    List<String> KEYS = List.of("ts", "uid", "device", "device_addr", "peer_addr", "event", "privacy", "packets", "end",
            "distance", "first_frame", "last_frame");

    /** Writes one detection. */
    void accept(Detection detection) throws IOException;

    /** Writes any trailer and flushes. */
    void finish() throws IOException;

    /** Nanoseconds since the epoch as seconds with 9 decimals, e.g. {@code 1518557884.250000000}. */
    static String seconds(long nanos) {
        if (nanos < 0) {
            return BigDecimal.valueOf(nanos, 9).toPlainString();
        }
        String fraction = Long.toString(1_000_000_000L + nanos % 1_000_000_000L);
        return (nanos / 1_000_000_000L) + "." + fraction.substring(1);
    }

    /** A distance with 3 decimals, or {@code inf}. */
    static String distance(double d) {
        if (Double.isInfinite(d)) {
            return "inf";
        }
        if (d >= 1e15) {
            return String.format(java.util.Locale.ROOT, "%.3f", d);
        }
        long milli = Math.round(d * 1000);
        String fraction = Long.toString(1000 + milli % 1000);
        return (milli / 1000) + "." + fraction.substring(1);
    }
}
