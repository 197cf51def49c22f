package org.iotevent.decode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.iotevent.capture.CaptureRecord;

/** Hand-built frames for the decoder tests: hex text with comments, fed through a CaptureRecord. */
final class Packets {
    private Packets() {}

    /** Bytes from hex text: whitespace ignored, each part one commented header field or more. */
    static byte[] hex(String... parts) {
        String text = String.join("", parts).replaceAll("\\s+", "");
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** A record of {@code frame} captured whole. */
    static CaptureRecord record(int linkType, byte[] frame) {
        return record(linkType, frame, frame.length, frame.length);
    }

    /**
     * A record whose first {@code captured} bytes of {@code frame} were captured from a packet of
     * {@code wire} bytes. The bytes sit at offset 7 of a little-endian buffer, so the decoder must
     * neither assume offset 0 nor the buffer's byte order.
     */
    static CaptureRecord record(int linkType, byte[] frame, int captured, long wire) {
        ByteBuffer buffer = ByteBuffer.allocate(captured + 16).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(7, frame, 0, captured);
        CaptureRecord r = new CaptureRecord();
        r.frameNumber = 1;
        r.hasTimestamp = true;
        r.timestampNanos = 1_700_000_000_123_456_789L;
        r.linkType = linkType;
        r.interfaceId = -1;
        r.sectionNumber = -1;
        r.data = buffer;
        r.dataOffset = 7;
        r.capturedLength = captured;
        r.wireLength = wire;
        return r;
    }

    static DecodedPacket decode(CaptureRecord r) {
        DecodedPacket p = new DecodedPacket();
        new LinkDecoder().decode(r, p);
        return p;
    }

    static DecodedPacket decode(int linkType, byte[] frame) {
        return decode(record(linkType, frame));
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Ethernet II header 02:00:00:00:00:02 -> 02:00:00:00:00:01 with {@code etherType} (4 hex digits). */
    static byte[] ethernet(String etherType) {
        return hex("020000000001", // destination
                "020000000002", // source
                etherType);
    }

    /** IPv4 header, 20 bytes, 192.0.2.1 -> 198.51.100.2, with total length, protocol and fragment word. */
    static byte[] ipv4(int totalLength, int protocol, int fragmentWord) {
        return hex("45 00", String.format("%04x", totalLength), // version 4, IHL 5, total length
                "1234", String.format("%04x", fragmentWord), // id, flags + fragment offset
                "40", String.format("%02x", protocol), "0000", // TTL 64, protocol, checksum
                "c0000201", // 192.0.2.1
                "c6336402"); // 198.51.100.2
    }

    /** UDP header 5353 -> 53 with {@code length} (header + payload). */
    static byte[] udp(int length) {
        return hex("14e9 0035", String.format("%04x", length), "0000");
    }

    /** TCP header 443 -> 50000, 20 bytes (data offset 5), flags ACK. */
    static byte[] tcp() {
        return hex("01bb c350", "00000001 00000000", "5010 ffff 0000 0000");
    }

    /** IPv6 header 2001:db8::1 -> fe80::1:2 with payload length and next header. */
    static byte[] ipv6(int payloadLength, int next) {
        return hex("60000000", String.format("%04x", payloadLength), String.format("%02x", next), "40",
                "20010db8000000000000000000000001",
                "fe800000000000000000000000010002");
    }

    static byte[] zeros(int n) {
        return new byte[n];
    }
}
