package org.iotevent.traffic;

/** Which addresses are a home's own (RFC 1918, RFC 6598, link-local, unique local) and which are multicast. */
final class Scope {
    private Scope() {}

    /** True for an address that never crosses a home router: private, shared (CGNAT), link-local, unique local, multicast. */
    static boolean local(long hi, long lo) {
        if (Addresses.isV4(hi, lo)) {
            long a = lo & 0xFFFF_FFFFL;
            return (a >>> 24) == 10 || (a >>> 20) == 0xAC1 || (a >>> 16) == 0xC0A8 || (a >>> 16) == 0xA9FE
                    || (a >>> 22) == (100 << 2 | 1) || multicast(hi, lo) || a == 0;
        }
        long top = hi >>> 48;
        return (top & 0xFFC0) == 0xFE80 || (top & 0xFE00) == 0xFC00 || multicast(hi, lo) || (hi == 0 && lo == 0);
    }

    /** True for multicast and the IPv4 broadcast address. */
    static boolean multicast(long hi, long lo) {
        if (Addresses.isV4(hi, lo)) {
            long a = lo & 0xFFFF_FFFFL;
            return (a >>> 28) == 0xE || a == 0xFFFF_FFFFL;
        }
        return (hi >>> 56) == 0xFF;
    }

    /** True for 0.0.0.0 and ::. */
    static boolean unspecified(long hi, long lo) {
        return (Addresses.isV4(hi, lo) && (lo & 0xFFFF_FFFFL) == 0) || (hi == 0 && lo == 0);
    }
}
