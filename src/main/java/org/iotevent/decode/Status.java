package org.iotevent.decode;

/** Outcome of decoding one packet. */
public enum Status {
    /** Every layer present decoded cleanly. */
    OK,
    /** The capture cut the packet before a layer ended (snap length). */
    TRUNCATED,
    /** A layer's values contradict each other (a header length below its minimum, say). */
    MALFORMED
}
