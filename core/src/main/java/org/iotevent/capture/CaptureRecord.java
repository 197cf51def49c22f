package org.iotevent.capture;

import java.nio.ByteBuffer;

/**
 * One record of a capture, as a reusable view: a {@link PacketSource} overwrites it on every
 * {@code next} call, so nothing is allocated per packet. Copy what must outlive the call.
 *
 * <p>The captured bytes are {@code data[dataOffset, dataOffset + capturedLength)}; read them
 * with absolute gets. {@code data} is in big-endian (network) order; its position and limit are
 * not meaningful, and its contents are only valid until the next {@code next} call.
 */
public final class CaptureRecord {
    /** Largest whole seconds for which {@link #timestampNanos} is exact (fractions up to 2^32 ns included). */
    static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 5;

    /** Index of this packet in the capture, from 1 as tshark numbers frames. */
    public long frameNumber;
    /**
     * Timestamp in nanoseconds since the epoch: {@code timestampSeconds * 10^9 +
     * timestampFractionNanos}, clamped to the range of a long (years 1677 to 2262) for the odd
     * file whose times lie beyond it. Meaningless when {@link #hasTimestamp} is false.
     */
    public long timestampNanos;
    /**
     * Whole seconds since the epoch as the file states them, also beyond the range of
     * {@link #timestampNanos} (a pcapng timestamp is an unsigned 64-bit count).
     */
    public long timestampSeconds;
    /**
     * Nanoseconds after {@link #timestampSeconds} as the file states them: below 10^9 except in a
     * classic pcap record with an out-of-range fraction, which tshark prints unnormalised
     * ({@code 1177961534.1000046000}).
     */
    public long timestampFractionNanos;
    /** False for records that carry no time (pcapng Simple Packet Blocks). */
    public boolean hasTimestamp;
    /** Length of the packet on the wire, in bytes (may exceed {@link #capturedLength}). */
    public long wireLength;
    /** Number of bytes captured, {@code <= wireLength} unless the file says otherwise. */
    public int capturedLength;
    /** LINKTYPE_* value of the interface the packet was captured on (see {@link LinkType}). */
    public int linkType;
    /**
     * Length in bytes of the frame check sequence at the end of each frame when the file states it
     * (classic pcap link-type FCS bits, pcapng {@code if_fcslen}); -1 when the file does not say.
     */
    public int fcsLength = -1;
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

    /** Sets the three timestamp fields from the file's seconds and fraction (in nanoseconds). */
    void setTime(long seconds, long fractionNanos) {
        timestampSeconds = seconds;
        timestampFractionNanos = fractionNanos;
        timestampNanos = seconds > MAX_SECONDS ? Long.MAX_VALUE
                : seconds < -MAX_SECONDS ? Long.MIN_VALUE : seconds * 1_000_000_000L + fractionNanos;
        hasTimestamp = true;
    }

    /** Copies the captured bytes into a new array. */
    public byte[] copyBytes() {
        byte[] out = new byte[capturedLength];
        data.get(dataOffset, out, 0, capturedLength);
        return out;
    }
}
