package org.iotevent.capture;

import java.nio.ByteBuffer;

/**
 * One record of a capture, as a reusable view: a {@link PacketSource} overwrites it on every
 * {@code next} call, so nothing is allocated per packet. Copy what must outlive the call.
 *
 * <p>The captured bytes are {@code data[dataOffset, dataOffset + capturedLength)}; read them
 * with absolute gets. The buffer's byte order and position are not meaningful.
 */
public final class CaptureRecord {
    /** Index of this packet in the capture, from 1 as tshark numbers frames. */
    public long frameNumber;
    /** Timestamp in nanoseconds since the epoch; meaningless when {@link #hasTimestamp} is false. */
    public long timestampNanos;
    /** False for records that carry no time (pcapng Simple Packet Blocks). */
    public boolean hasTimestamp;
    /** Length of the packet on the wire, in bytes (may exceed {@link #capturedLength}). */
    public long wireLength;
    /** Number of bytes captured, {@code <= wireLength} unless the file says otherwise. */
    public int capturedLength;
    /** LINKTYPE_* value of the interface the packet was captured on (see {@link LinkType}). */
    public int linkType;
    /** pcapng interface id within its section; -1 for classic pcap. */
    public int interfaceId;
    /** pcapng section number from 0; -1 for classic pcap. */
    public int sectionNumber;
    /** Byte offset of the record (pcap record header or pcapng block) in the input. */
    public long fileOffset;
    /** Buffer holding the captured bytes. */
    public ByteBuffer data;
    /** Offset of the first captured byte in {@link #data}. */
    public int dataOffset;

    /** Reads one captured byte, unsigned; {@code index} is relative to the packet start. */
    public int u8(int index) {
        return data.get(dataOffset + index) & 0xFF;
    }

    /** Copies the captured bytes into a new array. */
    public byte[] copyBytes() {
        byte[] out = new byte[capturedLength];
        data.get(dataOffset, out, 0, capturedLength);
        return out;
    }
}
