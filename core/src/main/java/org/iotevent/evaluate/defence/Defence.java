package org.iotevent.evaluate.defence;

/**
 * A defence, simulated as a transform of the packets the eavesdropper sees. It runs before burst
 * segmentation, so the attack cuts, pairs and learns on the defended packets as it would on real
 * defended traffic.
 */
public interface Defence {
    /** The defence's name, e.g. {@code block-padding}. */
    String name();

    /** Its setting as a short text, e.g. {@code 64 B}; empty when it has none. */
    String setting();

    /**
     * Transforms a trace.
     *
     * @param in the undefended packets
     * @param seed seed of any randomness; the same seed gives the same trace
     * @return the defended packets, with the delays the defence added to the original packets
     */
    PacketTrace apply(PacketTrace in, long seed);

    /** Whether the defence needs the whole home's traffic rather than the device's (a shared tunnel). */
    default boolean homeWide() {
        return false;
    }
}
