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
     * of several (an A-MSDU's subframes): every consumer loops {@code decode}, then
     * {@code do { ... } while (nextSubframe(record, out))}, so each subframe counts as a packet.
     *
     * @return false when {@code out} held the record's last packet (then {@code out} is unchanged)
     */
    default boolean nextSubframe(CaptureRecord record, DecodedPacket out) {
        return false;
    }
}
