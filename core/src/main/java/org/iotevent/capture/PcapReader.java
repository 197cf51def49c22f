package org.iotevent.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads a classic pcap capture (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html):
 * microsecond (0xa1b2c3d4) and nanosecond (0xa1b23c4d) magic, either byte order, version 2.x.
 * Open one through {@link CaptureReaders}. Not thread-safe.
 */
public final class PcapReader extends FramedReader {
    /** Magic of microsecond files, as read in the file's own byte order. */
    static final int MAGIC_MICROS = 0xa1b2c3d4;
    /** Magic of nanosecond files, as read in the file's own byte order. */
    static final int MAGIC_NANOS = 0xa1b23c4d;
    /** Length of the file header in bytes. */
    static final int FILE_HEADER_LENGTH = 24;
    /** Length of a record header in bytes. */
    static final int RECORD_HEADER_LENGTH = 16;

    /** Bits 16-25 of the link-type field, which must be zero. */
    private static final int LINKTYPE_RESERVED_MASK = 0x03FF0000;
    /** Bit 26 of the link-type field: the FCS length in bits 28-31 is valid. */
    private static final int LINKTYPE_FCS_PRESENT = 0x04000000;

    private final int linkType;
    private final int fcsLength;
    private final long snapLength;
    private final long maxCaptured;
    private final long fractionToNanos;
    private long count;

    /**
     * Reads and checks the file header; {@code in} holds at least its first 4 bytes.
     *
     * @throws CaptureFormatException for a cut header, an unsupported version or reserved bits set
     */
    PcapReader(String name, ByteInput in) throws IOException {
        super(name, in);
        position = FILE_HEADER_LENGTH;
        if (!in.fill(0, FILE_HEADER_LENGTH)) {
            throw CaptureFormatException.cut(name, "the pcap file header", 0, FILE_HEADER_LENGTH, in.available(0));
        }
        ByteBuffer h = in.header;
        int i = (int) -in.start;
        in.order(ByteOrder.BIG_ENDIAN);
        int magic = h.getInt(i);
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            in.order(ByteOrder.LITTLE_ENDIAN);
            magic = h.getInt(i);
        }
        fractionToNanos = magic == MAGIC_NANOS ? 1 : 1000;
        int major = h.getShort(i + 4) & 0xFFFF;
        if (major != 2) {
            throw CaptureFormatException.field(name, "the pcap file header", 0, "major version", major,
                    "2 (pcap 2.x)");
        }
        snapLength = Integer.toUnsignedLong(h.getInt(i + 16));
        maxCaptured = snapLength == 0 ? CaptureReaders.MAX_RECORD_LENGTH
                : Math.min(snapLength, CaptureReaders.MAX_RECORD_LENGTH);
        int network = h.getInt(i + 20);
        if ((network & LINKTYPE_RESERVED_MASK) != 0) {
            throw CaptureFormatException.field(name, "the pcap file header", 0, "link-type reserved bits 16-25",
                    String.format("0x%08x", network & LINKTYPE_RESERVED_MASK), "0");
        }
        linkType = network & 0xFFFF;
        fcsLength = (network & LINKTYPE_FCS_PRESENT) != 0 ? (network >>> 28) * 2 : -1;
    }

    @Override
    boolean read(CaptureRecord into) throws IOException {
        long off = position;
        ByteInput input = in;
        if (!input.fill(off, RECORD_HEADER_LENGTH)) {
            long found = input.available(off);
            if (found == 0) {
                return false;
            }
            throw CaptureFormatException.cut(name, place(), off, RECORD_HEADER_LENGTH, found);
        }
        ByteBuffer h = input.header;
        int i = (int) (off - input.start);
        long seconds = Integer.toUnsignedLong(h.getInt(i));
        long fraction = Integer.toUnsignedLong(h.getInt(i + 4));
        long captured = Integer.toUnsignedLong(h.getInt(i + 8));
        long wire = Integer.toUnsignedLong(h.getInt(i + 12));
        if (captured > maxCaptured) {
            throw tooLong(off, captured);
        }
        int total = RECORD_HEADER_LENGTH + (int) captured;
        if (!input.fill(off, total)) {
            throw CaptureFormatException.cut(name, place(), off, total, input.available(off));
        }
        if (wire == 0 && input.shrunkBefore(off + total)) {
            // no packet has length 0: zeros a mapped file cut meanwhile reads as, up to its last page's end
            throw CaptureFormatException.changedWhileRead(name, off);
        }
        into.frameNumber = ++count;
        into.timestampSeconds = seconds;
        into.timestampFractionNanos = fraction * fractionToNanos;
        into.timestampNanos = seconds * 1_000_000_000L + fraction * fractionToNanos;
        into.hasTimestamp = true;
        into.wireLength = wire;
        into.capturedLength = (int) captured;
        into.linkType = linkType;
        into.fcsLength = fcsLength;
        into.interfaceId = -1;
        into.sectionNumber = -1;
        into.fileOffset = off;
        into.data = input.data;
        into.dataOffset = (int) (off - input.start) + RECORD_HEADER_LENGTH;
        position = off + total;
        return true;
    }

    private CaptureFormatException tooLong(long off, long captured) {
        String expected = snapLength != 0 && snapLength <= CaptureReaders.MAX_RECORD_LENGTH
                ? "at most " + snapLength + " (the file's snap length)"
                : "at most " + CaptureReaders.MAX_RECORD_LENGTH + " (256 KiB)";
        return CaptureFormatException.field(name, place(), off, "captured length", captured, expected);
    }

    private String place() {
        return "record " + (count + 1);
    }

    /** LINKTYPE_* of every record of this file. */
    public int linkType() {
        return linkType;
    }
}
