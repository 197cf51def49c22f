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
    WAN_PPPOE("wan-pppoe", LinkType.ETHERNET),
    /**
     * The WiFi sniffer of {@link #WIFI} near an access point that aggregates: the downlink packets
     * it has queued for one station within 1 ms go in one CCMP-protected A-MSDU (at most 3839
     * bytes, the smallest maximum an HT station must accept), whose subframe boundaries the
     * encryption hides.
     */
    WIFI_AMSDU("wifi-amsdu", LinkType.IEEE802_11_RADIOTAP),
    /**
     * The same aggregating access point on an open network (or a capture decrypted with the
     * network's key): unprotected frames whose A-MSDU subframes (DA, SA, length, LLC/SNAP, IP) show.
     */
    WIFI_OPEN_AMSDU("wifi-open-amsdu", LinkType.IEEE802_11_RADIOTAP);

    private final String key;
    private final int linkType;

    Vantage(String key, int linkType) {
        this.key = key;
        this.linkType = linkType;
    }

    /** Lower-case name: {@code lan}, {@code wan}, {@code wifi}, {@code wan6}, {@code wan-pppoe}, {@code wifi-amsdu}, {@code wifi-open-amsdu}. */
    public String key() {
        return key;
    }

    /** True for the WiFi sniffers (radiotap + 802.11). */
    public boolean wifi() {
        return linkType == LinkType.IEEE802_11_RADIOTAP;
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
