package org.iotevent.detect;

import java.io.IOException;

/** Receives detections one at a time, in burst order. Does not close the writer it was given. */
public interface DetectionSink {
    /** Writes one detection. */
    void accept(Detection detection) throws IOException;

    /** Writes any trailer and flushes. */
    void finish() throws IOException;

    /** Nanoseconds since the epoch as seconds with 9 decimals, e.g. {@code 1518557884.250000000}. */
    static String seconds(long nanos) {
        return Text.seconds(new StringBuilder(20), nanos).toString();
    }

    /** A distance with 3 decimals, or {@code inf}. */
    static String distance(double d) {
        return Text.distance(new StringBuilder(12), d).toString();
    }
}
