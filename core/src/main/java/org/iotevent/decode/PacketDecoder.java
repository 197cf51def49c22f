package org.iotevent.decode;

import org.iotevent.capture.CaptureRecord;

/** Decodes one capture record into a reused view. Never throws for bad packet bytes. */
@FunctionalInterface
public interface PacketDecoder {
    /**
     * Overwrites {@code out} with the decoding of {@code record}. A damaged packet is reported in
     * {@code out.status}, never by an exception.
     */
    void decode(CaptureRecord record, DecodedPacket out);

    /**
     * Decodes the next packet the same record carries into {@code out}, when {@code out} holds one
     * of several (an A-MSDU's subframes). Consumers call {@link #forEachPacket}, which loops over them.
     *
     * @return false when {@code out} held the record's last packet (then {@code out} is unchanged)
     */
    default boolean nextSubframe(CaptureRecord record, DecodedPacket out) {
        return false;
    }

    /** What a pass does with each packet of a record. */
    @FunctionalInterface
    interface Step<X extends Exception> {
        /** @param packet the packet (a reused view: copy what must outlive the call) */
        void packet(DecodedPacket packet) throws X;
    }

    /**
     * Decodes {@code record} into {@code out} and hands {@code step} each packet it carries: the
     * record's own, or each subframe of an A-MSDU in turn (each counts as a packet), the first
     * holding the record's decoding {@code status}.
     */
    default <X extends Exception> void forEachPacket(CaptureRecord record, DecodedPacket out, Step<X> step) throws X {
        decode(record, out);
        do {
            step.packet(out);
        } while (nextSubframe(record, out));
    }
}
