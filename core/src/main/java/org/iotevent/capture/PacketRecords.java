package org.iotevent.capture;

import java.nio.ByteBuffer;

/**
 * One captured frame as a self-contained message, the value of a Kafka record of
 * {@code iotevent publish} (whose key is the home's id): big-endian,
 *
 * <pre>
 * offset size
 *  0      4   magic "IEP1" (0x49 0x45 0x50 0x31): iotevent packet record, version 1
 *  4      4   link type (pcap LINKTYPE_*: 1 Ethernet, 105 802.11, 127 radiotap, ...)
 *  8      4   frame check sequence bytes at the end of the frame, -1 when the capture does not say
 * 12      8   capture time, nanoseconds since the epoch, on the home's capture clock
 * 20      8   frame number in the home's capture, from 1
 * 28      4   length on the wire, bytes
 * 32      -   the captured bytes (at most 262 144)
 * </pre>
 */
public final class PacketRecords {
    /** "IEP1". */
    public static final int MAGIC = 0x49455031;
    /** Bytes before the captured bytes. */
    public static final int HEADER = 32;

    private PacketRecords() {}

    /** The message of a timed record. */
    public static byte[] encode(CaptureRecord r) {
        if (!r.hasTimestamp) {
            throw new IllegalArgumentException("frame " + r.frameNumber + " has no timestamp");
        }
        byte[] out = new byte[HEADER + r.capturedLength];
        ByteBuffer b = ByteBuffer.wrap(out);
        b.putInt(MAGIC).putInt(r.linkType).putInt(r.fcsLength).putLong(r.timestampNanos).putLong(r.frameNumber)
                .putInt((int) Math.min(Integer.MAX_VALUE, r.wireLength));
        r.data.get(r.dataOffset, out, HEADER, r.capturedLength);
        return out;
    }

    /**
     * Reads a message into {@code into} (its bytes are {@code value}'s, not copied).
     *
     * @throws IllegalArgumentException saying what is wrong with a message that is not a packet record
     */
    public static void decode(byte[] value, CaptureRecord into) {
        if (value == null) {
            throw new IllegalArgumentException("no value (a tombstone)");
        }
        if (value.length < HEADER) {
            throw new IllegalArgumentException(value.length + " bytes, shorter than the 32-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        int magic = b.getInt(0);
        if (magic != MAGIC) {
            throw new IllegalArgumentException(String.format("magic 0x%08x at offset 0, expected 0x%08x (\"IEP1\")", magic, MAGIC));
        }
        int captured = value.length - HEADER;
        if (captured > CaptureReaders.MAX_RECORD_LENGTH) {
            throw new IllegalArgumentException(captured + " captured bytes, more than " + CaptureReaders.MAX_RECORD_LENGTH);
        }
        int fcs = b.getInt(8);
        long frame = b.getLong(20);
        int wire = b.getInt(28);
        if (fcs < -1 || fcs > 4) {
            throw new IllegalArgumentException("FCS length " + fcs + " at offset 8, expected -1 to 4");
        }
        if (frame < 1) {
            throw new IllegalArgumentException("frame number " + frame + " at offset 20, expected >= 1");
        }
        if (wire < captured) {
            throw new IllegalArgumentException("wire length " + wire + " at offset 28, shorter than the " + captured
                    + " captured bytes");
        }
        long nanos = b.getLong(12);
        into.linkType = b.getInt(4);
        into.fcsLength = fcs;
        into.setTime(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        into.frameNumber = frame;
        into.wireLength = wire;
        into.capturedLength = captured;
        into.interfaceId = -1;
        into.sectionNumber = -1;
        into.fileOffset = 0;
        into.data = b;
        into.dataOffset = HEADER;
    }
}
