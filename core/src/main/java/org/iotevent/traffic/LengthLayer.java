package org.iotevent.traffic;

import java.util.Locale;

/** The layer a packet's feature length is measured at. */
public enum LengthLayer {
    /**
     * The paper's: the IP-layer length (IPv4 total length, IPv6 payload length + 40). The same on
     * the LAN, the WAN side behind NAT, in a VLAN or a PPPoE session, and over 802.11; 20 bytes
     * more over IPv6 than over IPv4.
     */
    IP("ip"),
    /**
     * The transport segment: the TCP or UDP header and payload (the IP length less every IP
     * header). The same over IPv4 and IPv6 as well. On unprotected 802.11 frames the LLC/SNAP
     * EtherType and the IP header give it exactly. On protected ones the encryption covers the
     * MSDU from its LLC/SNAP header on, so neither the IP version nor the header length shows: it
     * is the frame's IP length less 20 (IPv4 without options taken), exact for IPv4 without
     * options, 20 bytes too long for every IPv6 packet (more with extension headers), and too long
     * by the options' length for IPv4 with options.
     */
    TRANSPORT("transport");

    /** IPv4 header without options, taken for protected 802.11 frames (their IP version is encrypted). */
    static final int IPV4_HEADER = 20;

    private final String key;

    LengthLayer(String key) {
        this.key = key;
    }

    /** The name in signature files and on the command line. */
    public String key() {
        return key;
    }

    /** The layer named {@code key}, or null. */
    public static LengthLayer byKey(String key) {
        for (LengthLayer l : values()) {
            if (l.key.equals(key.toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        return null;
    }
}
