package org.iotevent.sim;

import org.iotevent.capture.LinkType;

/** Where the simulated capture is taken. */
public enum Vantage {
    /** The router's LAN side: Ethernet, device addresses visible. */
    LAN("lan", LinkType.ETHERNET),
    /** The WAN side of the NAT router: its public address, rewritten ports, cloud addresses from DNS. */
    WAN("wan", LinkType.ETHERNET),
    /** A WiFi sniffer in monitor mode: radiotap + 802.11, CCMP-protected data frames. */
    WIFI("wifi", LinkType.IEEE802_11_RADIOTAP);

    private final String key;
    private final int linkType;

    Vantage(String key, int linkType) {
        this.key = key;
        this.linkType = linkType;
    }

    /** Lower-case name: {@code lan}, {@code wan}, {@code wifi}. */
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
