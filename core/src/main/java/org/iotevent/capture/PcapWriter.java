package org.iotevent.capture;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a classic pcap stream (little-endian, nanosecond timestamps, magic 0xa1b23c4d) of one
 * link type. Not thread-safe.
 */
public final class PcapWriter implements Closeable {
    /** Snap length written in the file header. */
    public static final int SNAP_LENGTH = 262_144;

    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);

    /**
     * Writes the file header at once.
     *
     * @param out where to write; closed by {@link #close()}
     * @param linkType LINKTYPE_* of every packet (see {@link LinkType})
     */
    public PcapWriter(OutputStream out, int linkType) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        header.putInt(0xa1b23c4d).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
        header.putInt(SNAP_LENGTH).putInt(linkType);
        this.out.write(header.array(), 0, 24);
    }

    /**
     * Appends one packet, captured whole.
     *
     * @param timestampNanos time since the epoch in nanoseconds, {@code >= 0}
     * @param frame the packet's bytes from the link-layer header on
     */
    public void write(long timestampNanos, byte[] frame) throws IOException {
        write(timestampNanos, frame, 0, frame.length, frame.length);
    }

    /**
     * Appends one packet of which {@code length} bytes were captured from {@code wireLength}.
     *
     * @throws IllegalArgumentException for a negative time or impossible lengths
     */
    public void write(long timestampNanos, byte[] frame, int offset, int length, long wireLength)
            throws IOException {
        if (timestampNanos < 0 || length < 0 || length > SNAP_LENGTH || wireLength < length) {
            throw new IllegalArgumentException("bad packet: time " + timestampNanos + " ns, captured "
                    + length + " of " + wireLength + " bytes");
        }
        header.clear();
        header.putInt((int) (timestampNanos / 1_000_000_000L)).putInt((int) (timestampNanos % 1_000_000_000L));
        header.putInt(length).putInt((int) wireLength);
        out.write(header.array(), 0, 16);
        out.write(frame, offset, length);
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
