package org.iotevent.decode;

/** The protocol layer at which decoding stopped, for {@code truncated:<layer>} and {@code malformed:<layer>}. */
public enum Layer {
    LINK("link"),
    RADIOTAP("radiotap"),
    PPI("ppi"),
    PRISM("prism"),
    WLAN("wlan"),
    LLC("llc"),
    VLAN("vlan"),
    IPV4("ipv4"),
    IPV6("ipv6"),
    TCP("tcp"),
    UDP("udp");

    private final String label;

    Layer(String label) {
        this.label = label;
    }

    /** The lower-case name used in the {@code status} column. */
    public String label() {
        return label;
    }
}
