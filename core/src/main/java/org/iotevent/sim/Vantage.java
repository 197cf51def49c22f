package org.iotevent.sim;

import org.iotevent.capture.LinkType;

/** Where the simulated capture is taken. */
public enum Vantage {
    /** The router's LAN side: Ethernet, device addresses visible. */
    LAN("lan", LinkType.ETHERNET),
    /** The WAN side of the NAT router: its public address, rewritten ports, cloud addresses from DNS. */
    WAN("wan", LinkType.ETHERNET),
    /** A WiFi sniffer in monitor mode: radiotap + 802.11, CCMP-protected data frames. */
    WIFI("wifi", LinkType.IEEE802_11_RADIOTAP),
    /**
     * The WAN side over IPv6: no NAT, each device with its own global address
     * ({@code 2001:db8:0:1::100} + index), each cloud at {@code 2001:db8:c10d::} + its IPv4 address.
     */
    WAN6("wan6", LinkType.ETHERNET),
    /** The WAN side of a DSL or fibre router: the NAT'd IPv4 packets of {@link #WAN} inside a PPPoE session (RFC 2516). */
    WAN_PPPOE("wan-pppoe", LinkType.ETHERNET);

    private final String key;
    private final int linkType;

    Vantage(String key, int linkType) {
        this.key = key;
        this.linkType = linkType;
    }

    /** Lower-case name: {@code lan}, {@code wan}, {@code wifi}, {@code wan6}, {@code wan-pppoe}. */
    public String key() {
        return key;
    }

    /** LINKTYPE_* of the capture. */
    public int linkType() {
        return linkType;
    }

    /** The capture's file name in the output directory. */
    public String fileName() {
        return key + ".pcap";
    }
}
