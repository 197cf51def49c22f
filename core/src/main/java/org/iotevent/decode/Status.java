package org.iotevent.decode;

/** Outcome of decoding one packet. */
public enum Status {
    /** Every layer present decoded cleanly. */
    OK,
    /**
     * The capture cut the packet inside a header (snap length). A packet whose headers were all
     * captured but whose payload was cut is OK: its payload length says how much was captured.
     */
    TRUNCATED,
    /** A layer's values contradict each other (a header length below its minimum, say). */
    MALFORMED
}
