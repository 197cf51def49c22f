package org.iotevent.decode;

/**
 * Text forms of addresses as tshark prints them: MAC {@code aa:bb:cc:dd:ee:ff}, IPv4 dotted quad,
 * IPv6 compressed per RFC 5952 (lower-case hex, the first longest run of two or more zero groups
 * as {@code ::}, and an embedded IPv4 tail for IPv4-compatible and IPv4-mapped addresses, as
 * glibc's {@code inet_ntop} writes it). The append forms allocate nothing.
 */
public final class AddressFormat {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AddressFormat() {}

    /** Appends a 48-bit MAC address held in the low bits of {@code mac}. */
    public static StringBuilder appendMac(StringBuilder to, long mac) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            int b = (int) (mac >>> shift) & 0xFF;
            to.append(HEX[b >>> 4]).append(HEX[b & 0xF]);
            if (shift > 0) {
                to.append(':');
            }
        }
        return to;
    }

    /** Appends an IPv4 address held in the low 32 bits of {@code address}. */
    public static StringBuilder appendIpv4(StringBuilder to, long address) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            to.append((int) (address >>> shift) & 0xFF);
            if (shift > 0) {
                to.append('.');
            }
        }
        return to;
    }

    /** Appends an IPv6 address given as its high and low 64 bits. */
    public static StringBuilder appendIpv6(StringBuilder to, long hi, long lo) {
        int bestStart = -1;
        int bestLength = 0;
        int runStart = -1;
        for (int i = 0; i < 8; i++) {
            if (group(hi, lo, i) == 0) {
                if (runStart < 0) {
                    runStart = i;
                }
                if (i - runStart + 1 > bestLength) {
                    bestStart = runStart;
                    bestLength = i - runStart + 1;
                }
            } else {
                runStart = -1;
            }
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        boolean ipv4Tail = bestStart == 0 && (bestLength == 6 || (bestLength == 5 && group(hi, lo, 5) == 0xFFFF));
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                to.append("::");
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLength) {
                to.append(':');
            }
            if (ipv4Tail && i == 6) {
                return appendIpv4(to, lo & 0xFFFF_FFFFL);
            }
            appendHexGroup(to, group(hi, lo, i));
        }
        return to;
    }

    /** Appends a 16-bit group in lower-case hex without leading zeros. */
    private static void appendHexGroup(StringBuilder to, int value) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int digit = (value >>> shift) & 0xF;
            if (digit != 0 || started || shift == 0) {
                to.append(HEX[digit]);
                started = true;
            }
        }
    }

    /** The source IP address of {@code p}, or the empty string when it has no IP layer. */
    public static String ipSource(DecodedPacket p) {
        return ip(p.ipVersion, p.ipSrcHi, p.ipSrcLo);
    }

    /** The destination IP address of {@code p}, or the empty string when it has no IP layer. */
    public static String ipDestination(DecodedPacket p) {
        return ip(p.ipVersion, p.ipDstHi, p.ipDstLo);
    }

    /** A MAC address, or the empty string for -1 (absent). */
    public static String mac(long mac) {
        return mac < 0 ? "" : appendMac(new StringBuilder(17), mac).toString();
    }

    private static String ip(int version, long hi, long lo) {
        StringBuilder s = new StringBuilder(39);
        if (version == 4) {
            appendIpv4(s, lo);
        } else if (version == 6) {
            appendIpv6(s, hi, lo);
        }
        return s.toString();
    }

    private static int group(long hi, long lo, int i) {
        long half = i < 4 ? hi : lo;
        return (int) (half >>> (48 - 16 * (i & 3))) & 0xFFFF;
    }
}
