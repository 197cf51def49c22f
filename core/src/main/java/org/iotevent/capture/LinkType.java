package org.iotevent.capture;

/** LINKTYPE_* values (https://www.tcpdump.org/linktypes.html) that the decoder understands. */
public final class LinkType {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int RAW = 101;
    public static final int IEEE802_11 = 105;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IEEE802_11_PRISM = 119;
    public static final int IEEE802_11_RADIOTAP = 127;
    public static final int PPI = 192;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkType() {}

    /** A short name for tables and messages, or the number for link types not listed here. */
    public static String name(int linkType) {
        return switch (linkType) {
            case NULL -> "null";
            case ETHERNET -> "ethernet";
            case RAW -> "raw";
            case IEEE802_11 -> "ieee802_11";
            case LOOP -> "loop";
            case LINUX_SLL -> "linux_sll";
            case IEEE802_11_PRISM -> "ieee802_11_prism";
            case IEEE802_11_RADIOTAP -> "ieee802_11_radiotap";
            case PPI -> "ppi";
            case IPV4 -> "ipv4";
            case IPV6 -> "ipv6";
            case LINUX_SLL2 -> "linux_sll2";
            default -> Integer.toString(linkType);
        };
    }
}
