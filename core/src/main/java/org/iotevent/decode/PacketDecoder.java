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
}
