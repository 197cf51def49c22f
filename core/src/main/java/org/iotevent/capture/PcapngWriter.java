package org.iotevent.capture;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a pcapng stream (little-endian, one section): a Section Header Block at once, an
 * Interface Description Block (nanosecond {@code if_tsresol}) the first time each link type
 * appears, and one Enhanced Packet Block per packet with an optional {@code opt_comment} that
 * Wireshark shows as the packet comment. Not thread-safe.
 */
public final class PcapngWriter implements Closeable {
    /** Snap length written in each IDB, the largest captured length accepted. */
    public static final int SNAP_LENGTH = CaptureReaders.MAX_RECORD_LENGTH;
    /** Longest packet comment, in UTF-8 bytes (an option length is 16 bits). */
    public static final int MAX_COMMENT_BYTES = 65_535;

    private static final int OPT_COMMENT = 1;
    private static final int OPT_SHB_USERAPPL = 4;
    private static final int OPT_IF_TSRESOL = 9;
    private static final byte[] PADDING = new byte[4];

    private final OutputStream out;
    private final ByteBuffer buffer = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    private byte[] copy = new byte[2048];
    private int[] linkTypes = new int[0];

    /**
     * Writes the Section Header Block at once.
     *
     * @param out where to write; closed by {@link #close()}
     */
    public PcapngWriter(OutputStream out) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        byte[] application = "iotevent".getBytes(StandardCharsets.UTF_8);
        int optionsLength = 4 + padded(application.length) + 4;
        int length = 28 + optionsLength;
        buffer.clear();
        buffer.putInt(PcapngReader.SHB).putInt(length).putInt(PcapngReader.BYTE_ORDER_MAGIC);
        buffer.putShort((short) 1).putShort((short) 0).putLong(-1L);
        buffer.putShort((short) OPT_SHB_USERAPPL).putShort((short) application.length);
        flushBuffer();
        writePadded(application, 0, application.length);
        buffer.putInt(0).putInt(length);
        flushBuffer();
    }

    /**
     * Appends one packet.
     *
     * @param timestampNanos time since the epoch in nanoseconds, {@code >= 0}
     * @param linkType LINKTYPE_* of the packet (see {@link LinkType})
     * @param frame holds the captured bytes from the link-layer header on
     * @param offset index of the first captured byte in {@code frame}
     * @param length number of captured bytes, at most {@link #SNAP_LENGTH}
     * @param wireLength length on the wire in bytes, {@code >= length}
     * @param comment packet comment, or null for none; at most {@link #MAX_COMMENT_BYTES} in UTF-8
     * @throws IllegalArgumentException for a negative time, impossible lengths or a too long comment
     */
    public void write(long timestampNanos, int linkType, byte[] frame, int offset, int length, long wireLength,
            String comment) throws IOException {
        if (timestampNanos < 0) {
            throw new IllegalArgumentException("negative time " + timestampNanos + " ns");
        }
        writePacket(timestampNanos, linkType, frame, offset, length, wireLength, comment);
    }

    /**
     * Appends a copy of a record read from a capture, with a comment. A record without a
     * timestamp (from a Simple Packet Block) is written with time 0; a time before the epoch is
     * written as its two's complement, as an unsigned pcapng timestamp holds it.
     *
     * @param record the packet, as a {@link PacketSource} delivered it
     * @param comment packet comment, or null for none; at most {@link #MAX_COMMENT_BYTES} in UTF-8
     */
    public void write(CaptureRecord record, String comment) throws IOException {
        int length = record.capturedLength;
        if (copy.length < length) {
            copy = new byte[Math.max(length, copy.length * 2)];
        }
        record.data.get(record.dataOffset, copy, 0, length);
        writePacket(record.hasTimestamp ? record.timestampNanos : 0, record.linkType, copy, 0, length,
                Math.max(record.wireLength, length), comment);
    }

    private void writePacket(long timestampNanos, int linkType, byte[] frame, int offset, int length,
            long wireLength, String comment) throws IOException {
        if (length < 0 || length > SNAP_LENGTH || wireLength < length || wireLength > 0xFFFF_FFFFL
                || offset < 0 || offset + length > frame.length) {
            throw new IllegalArgumentException("bad packet: captured " + length + " of " + wireLength
                    + " bytes at " + offset + " of a " + frame.length + "-byte array");
        }
        byte[] text = comment == null ? null : comment.getBytes(StandardCharsets.UTF_8);
        if (text != null && text.length > MAX_COMMENT_BYTES) {
            throw new IllegalArgumentException("comment of " + text.length + " bytes > " + MAX_COMMENT_BYTES);
        }
        int iface = interfaceFor(linkType);
        int optionsLength = text == null ? 0 : 4 + padded(text.length) + 4;
        int blockLength = 32 + padded(length) + optionsLength;
        buffer.clear();
        buffer.putInt(PcapngReader.EPB).putInt(blockLength).putInt(iface);
        buffer.putInt((int) (timestampNanos >>> 32)).putInt((int) timestampNanos);
        buffer.putInt(length).putInt((int) wireLength);
        flushBuffer();
        writePadded(frame, offset, length);
        if (text != null) {
            buffer.putShort((short) OPT_COMMENT).putShort((short) text.length);
            flushBuffer();
            writePadded(text, 0, text.length);
            buffer.putInt(0);
        }
        buffer.putInt(blockLength);
        flushBuffer();
    }

    /** The interface id for {@code linkType}, writing its IDB the first time. */
    private int interfaceFor(int linkType) throws IOException {
        for (int i = 0; i < linkTypes.length; i++) {
            if (linkTypes[i] == linkType) {
                return i;
            }
        }
        if (linkType < 0 || linkType > 0xFFFF) {
            throw new IllegalArgumentException("link type " + linkType + " outside 0..65535");
        }
        linkTypes = Arrays.copyOf(linkTypes, linkTypes.length + 1);
        linkTypes[linkTypes.length - 1] = linkType;
        int length = 20 + 8 + 4;
        buffer.clear();
        buffer.putInt(PcapngReader.IDB).putInt(length).putShort((short) linkType).putShort((short) 0);
        buffer.putInt(SNAP_LENGTH);
        buffer.putShort((short) OPT_IF_TSRESOL).putShort((short) 1).put((byte) 9).put(PADDING, 0, 3);
        buffer.putInt(0).putInt(length);
        flushBuffer();
        return linkTypes.length - 1;
    }

    private static int padded(int length) {
        return (length + 3) & ~3;
    }

    private void writePadded(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        out.write(PADDING, 0, padded(length) - length);
    }

    private void flushBuffer() throws IOException {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
    }

    /** Pushes buffered bytes to the underlying stream (for live pipes). */
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
