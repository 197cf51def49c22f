package org.iotevent.decode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Absolute reads of unsigned fields from a buffer, independent of the buffer's byte order. Every
 * index is absolute in the buffer; callers check bounds first (by subtraction, against the layer's
 * end).
 */
final class Bytes {
    private Bytes() {}

    static int u8(ByteBuffer b, int i) {
        return b.get(i) & 0xFF;
    }

    static int u16Be(ByteBuffer b, int i) {
        short s = b.getShort(i);
        return (b.order() == ByteOrder.BIG_ENDIAN ? s : Short.reverseBytes(s)) & 0xFFFF;
    }

    static int u16Le(ByteBuffer b, int i) {
        short s = b.getShort(i);
        return (b.order() == ByteOrder.LITTLE_ENDIAN ? s : Short.reverseBytes(s)) & 0xFFFF;
    }

    /** A 32-bit big-endian field, as the low 32 bits of a non-negative long. */
    static long u32Be(ByteBuffer b, int i) {
        int v = b.getInt(i);
        return Integer.toUnsignedLong(b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v));
    }

    /** A 32-bit little-endian field, as the low 32 bits of a non-negative long. */
    static long u32Le(ByteBuffer b, int i) {
        int v = b.getInt(i);
        return Integer.toUnsignedLong(b.order() == ByteOrder.LITTLE_ENDIAN ? v : Integer.reverseBytes(v));
    }

    /** A 64-bit big-endian field (an IPv6 address half). */
    static long u64Be(ByteBuffer b, int i) {
        long v = b.getLong(i);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v);
    }

    /** A 48-bit MAC address in network order, in the low bits of the result. */
    static long mac48(ByteBuffer b, int i) {
        return ((long) u16Be(b, i) << 32) | u32Be(b, i + 2);
    }
}
