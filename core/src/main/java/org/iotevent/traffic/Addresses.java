package org.iotevent.traffic;

import java.util.Locale;

/**
 * Parsing and formatting of IP and MAC addresses in the forms {@link org.iotevent.decode.DecodedPacket}
 * holds them. IP addresses are 128-bit keys ({@code hi}, {@code lo}); an IPv4 address is kept
 * IPv4-mapped ({@code ::ffff:a.b.c.d}: {@code hi = 0}, {@code lo = 0xffff_0000_0000 | v4}) so that
 * both families share one key space. MAC addresses are 48-bit values in the low bits of a long.
 */
public final class Addresses {
    /** The bits that mark an IPv4-mapped key in {@code lo}. */
    static final long V4_MAPPED = 0xFFFF_0000_0000L;

    private Addresses() {}

    /** The key's low half for an IPv4 address held in the low 32 bits of {@code v4}. */
    public static long v4Key(long v4) {
        return V4_MAPPED | (v4 & 0xFFFF_FFFFL);
    }

    /** The key's high half of a packet address: 0 for IPv4, the address's high 64 bits for IPv6. */
    public static long keyHi(int ipVersion, long hi) {
        return ipVersion == 4 ? 0 : hi;
    }

    /** The key's low half of a packet address. */
    public static long keyLo(int ipVersion, long lo) {
        return ipVersion == 4 ? v4Key(lo) : lo;
    }

    /** True when the key is an IPv4-mapped address. */
    public static boolean isV4(long hi, long lo) {
        return hi == 0 && (lo & 0xFFFF_FFFF_0000_0000L) == V4_MAPPED;
    }

    /**
     * Parses an IPv4 dotted quad or an IPv6 address (RFC 4291 text forms, with {@code ::} and a
     * trailing dotted quad) into a two-element key {@code {hi, lo}}.
     *
     * @return the key, or null when {@code text} is not an IP address
     */
    public static long[] parseIp(String text) {
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.indexOf(':') < 0) {
            long v4 = parseV4(s);
            return v4 < 0 ? null : new long[] {0, v4Key(v4)};
        }
        return parseV6(s);
    }

    private static long parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return -1;
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    private static long[] parseV6(String s) {
        int[] groups = new int[8];
        String head = s;
        String tail = "";
        int gap = s.indexOf("::");
        if (gap >= 0) {
            if (s.indexOf("::", gap + 1) >= 0) {
                return null;
            }
            head = s.substring(0, gap);
            tail = s.substring(gap + 2);
        }
        int[] h = v6Groups(head);
        int[] t = v6Groups(tail);
        if (h == null || t == null) {
            return null;
        }
        if (gap < 0 ? h.length != 8 : h.length + t.length > 7) {
            return null;
        }
        System.arraycopy(h, 0, groups, 0, h.length);
        System.arraycopy(t, 0, groups, 8 - t.length, t.length);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | groups[i];
            lo = (lo << 16) | groups[i + 4];
        }
        return new long[] {hi, lo};
    }

    /** The 16-bit groups of one side of {@code ::}; a trailing dotted quad counts as two. */
    private static int[] v6Groups(String part) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] fields = part.split(":", -1);
        int n = fields.length;
        boolean quad = fields[n - 1].indexOf('.') >= 0;
        int[] out = new int[quad ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            String f = fields[i];
            if (quad && i == n - 1) {
                long v4 = parseV4(f);
                if (v4 < 0) {
                    return null;
                }
                out[i] = (int) (v4 >>> 16);
                out[i + 1] = (int) (v4 & 0xFFFF);
            } else {
                if (f.isEmpty() || f.length() > 4) {
                    return null;
                }
                try {
                    out[i] = Integer.parseInt(f, 16);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return out;
    }

    /** Formats a key as a dotted quad (IPv4-mapped keys) or an IPv6 address with {@code ::}. */
    public static String formatIp(long hi, long lo) {
        if (isV4(hi, lo)) {
            return ((lo >>> 24) & 0xFF) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
            g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /**
     * Parses a MAC address written as six hex pairs separated by {@code :} or {@code -}.
     *
     * @return the 48-bit value, or -1 when {@code text} is not a MAC address
     */
    public static long parseMac(String text) {
        String[] parts = text.trim().split("[:-]", -1);
        if (parts.length != 6) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            if (p.length() != 2) {
                return -1;
            }
            try {
                v = (v << 8) | Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return v;
    }

    /**
     * True when {@code mac} (a decoded link address, -1 when the link has none) is one station's:
     * not broadcast, not multicast (the group bit) and not all zeros, which names no station (the
     * loopback interface's frames and some tunnels carry it on every packet, both ends).
     */
    public static boolean unicastMac(long mac) {
        return mac > 0 && (mac & 0x0100_0000_0000L) == 0; // broadcast, all ones, is a group address too
    }

    /** Formats a 48-bit MAC address as six lower-case hex pairs joined by {@code :}. */
    public static String formatMac(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(String.format(Locale.ROOT, "%02x", (mac >>> shift) & 0xFF));
        }
        return sb.toString();
    }
}
