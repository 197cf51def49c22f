package org.iotevent.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds capture bytes by hand for tests, in either byte order: a classic pcap header and
 * records, or pcapng blocks. Each method appends; {@link #bytes()} returns the result.
 */
final class CaptureBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;

    private CaptureBytes(ByteOrder order) {
        this.order = order;
    }

    static CaptureBytes in(ByteOrder order) {
        return new CaptureBytes(order);
    }

    /** Switches the byte order of what follows (a new pcapng section). */
    CaptureBytes order(ByteOrder newOrder) {
        order = newOrder;
        return this;
    }

    CaptureBytes u16(int v) {
        return put(ByteBuffer.allocate(2).order(order).putShort((short) v).array());
    }

    CaptureBytes u32(long v) {
        return put(ByteBuffer.allocate(4).order(order).putInt((int) v).array());
    }

    CaptureBytes u64(long v) {
        return put(ByteBuffer.allocate(8).order(order).putLong(v).array());
    }

    CaptureBytes put(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Zero bytes up to the next multiple of 4 of the length so far. */
    CaptureBytes pad() {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** A classic pcap file header: magic, version 2.4, zone 0, sigfigs 0, snap length, link-type field. */
    CaptureBytes pcapHeader(int magic, int major, long snapLength, int linkTypeField) {
        return u32(magic).u16(major).u16(4).u32(0).u32(0).u32(snapLength).u32(linkTypeField);
    }

    /** A classic pcap record: seconds, fraction (µs or ns by the magic), captured and wire length, bytes. */
    CaptureBytes pcapRecord(long seconds, long fraction, long wireLength, byte[] data) {
        return u32(seconds).u32(fraction).u32(data.length).u32(wireLength).put(data);
    }

    /** A pcapng block of {@code type} around {@code body} (padded), with both length fields. */
    CaptureBytes block(int type, byte[] body) {
        int length = 12 + ((body.length + 3) & ~3);
        return u32(type).u32(length).put(body).pad().u32(length);
    }

    /** A Section Header Block in the current byte order, version 1.0, no options. */
    CaptureBytes shb() {
        return block(PcapngReader.SHB, in(order).u32(PcapngReader.BYTE_ORDER_MAGIC).u16(1).u16(0).u64(-1).bytes());
    }

    /** An Interface Description Block; {@code options} as built by {@link #option} (end-of-options added). */
    CaptureBytes idb(int linkType, long snapLength, byte[] options) {
        CaptureBytes body = in(order).u16(linkType).u16(0).u32(snapLength).put(options);
        if (options.length > 0) {
            body.u32(0);
        }
        return block(PcapngReader.IDB, body.bytes());
    }

    /** An Enhanced Packet Block with a 64-bit timestamp in interface units. */
    CaptureBytes epb(int iface, long units, long wireLength, byte[] data) {
        return block(PcapngReader.EPB, in(order).u32(iface).u32(units >>> 32).u32(units).u32(data.length)
                .u32(wireLength).put(data).pad().bytes());
    }

    /** An obsolete Packet Block (type 2): 16-bit interface id and drop count. */
    CaptureBytes opb(int iface, long units, long wireLength, byte[] data) {
        return block(PcapngReader.OPB, in(order).u16(iface).u16(0).u32(units >>> 32).u32(units).u32(data.length)
                .u32(wireLength).put(data).pad().bytes());
    }

    /** A Simple Packet Block: original length, then as many bytes as given. */
    CaptureBytes spb(long wireLength, byte[] data) {
        return block(PcapngReader.SPB, in(order).u32(wireLength).put(data).pad().bytes());
    }

    /** One option (code, length, value padded) in the current byte order. */
    byte[] option(int code, byte[] value) {
        return in(order).u16(code).u16(value.length).put(value).pad().bytes();
    }

    /** {@code n} bytes 0, 1, 2, ... (mod 256), a recognisable payload. */
    static byte[] payload(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}
