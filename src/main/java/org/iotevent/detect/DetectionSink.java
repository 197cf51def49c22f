package org.iotevent.detect;

import java.io.IOException;
import java.math.BigDecimal;

/** Receives detections one at a time, in burst order. Does not close the writer it was given. */
public interface DetectionSink {
    /** Writes one detection. */
    void accept(DetectedEvent event) throws IOException;

    /** Writes any trailer and flushes. */
    void finish() throws IOException;

    /** Nanoseconds since the epoch as seconds with 9 decimals, e.g. {@code 1518557884.250000000}. */
    static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).toPlainString();
    }

    /** A distance with 3 decimals, or {@code inf}. */
    static String distance(double d) {
        return Double.isInfinite(d) ? "inf" : String.format(java.util.Locale.ROOT, "%.3f", d);
    }
}
