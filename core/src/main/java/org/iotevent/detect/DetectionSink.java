package org.iotevent.detect;

import java.io.IOException;
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

    /** A distance with 3 decimals, or {@code inf}. */
    static String distance(double d) {
        return Text.line().distance(d).toString();
    }
}
