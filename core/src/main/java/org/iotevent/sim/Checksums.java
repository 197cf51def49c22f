package org.iotevent.sim;

/** The Internet checksum (RFC 1071) in pieces, so a payload's sum is computed once for all vantage points. */
final class Checksums {
    private Checksums() {}

    /**
     * Adds the 16-bit big-endian words of {@code bytes[from, from + count)} to {@code sum}; an odd
     * last byte is padded with zero. The result is folded to 16 bits.
     */
    static int sum(byte[] bytes, int from, int count, int sum) {
        long s = sum;
        int i = from;
        int end = from + count - 1;
        for (; i < end; i += 2) {
            s += (bytes[i] & 0xff) << 8 | (bytes[i + 1] & 0xff);
        }
        if (i == end) {
            s += (bytes[i] & 0xff) << 8;
        }
        return fold(s);
    }

    /** Folds a sum of 16-bit words to 16 bits. */
    static int fold(long s) {
        while (s >>> 16 != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    /** The checksum field value for a folded sum. */
    static int finish(int sum) {
        int c = ~sum & 0xffff;
        return c;
    }
}
