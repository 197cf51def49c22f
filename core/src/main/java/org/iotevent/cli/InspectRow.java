package org.iotevent.cli;

import org.iotevent.capture.CaptureRecord;
import org.iotevent.decode.AddressFormat;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.Status;

/** One {@code iotevent inspect} row: tab-separated cells, empty where a field does not apply. */
final class InspectRow {
    /** The column names, in order. */
    static final String[] COLUMNS = {"frame", "time_epoch", "wire_len", "cap_len", "interface", "link_type",
        "link_src", "link_dst", "wlan_ta", "wlan_ra", "wlan_bssid", "wlan_type_subtype", "protected", "ip_src",
        "ip_dst", "ip_proto", "ip_len", "src_port", "dst_port", "status"};

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private InspectRow() {}

    /**
     * Appends the row of {@code p} (decoded from {@code p.record}) without a line end. Allocates
     * nothing except for a packet's status label when it is not ok.
     */
    static void append(StringBuilder s, DecodedPacket p) {
        CaptureRecord r = p.record;
        s.append(r.frameNumber).append('\t');
        if (r.hasTimestamp) {
            appendTime(s, r.timestampSeconds, r.timestampFractionNanos);
        }
        s.append('\t').append(r.wireLength).append('\t').append(r.capturedLength).append('\t');
        if (r.interfaceId >= 0) {
            s.append(r.interfaceId);
        }
        s.append('\t').append(r.linkType).append('\t');
        mac(s, p.linkSrc);
        mac(s, p.linkDst);
        mac(s, p.wlanTa);
        mac(s, p.wlanRa);
        mac(s, p.wlanBssid);
        if (p.wlanTypeSubtype >= 0) {
            s.append("0x");
            for (int shift = 12; shift >= 0; shift -= 4) {
                s.append(HEX[(p.wlanTypeSubtype >>> shift) & 0xF]);
            }
        }
        s.append('\t');
        if (p.wlanTypeSubtype >= 0) {
            s.append(p.wlanProtected ? '1' : '0');
        }
        s.append('\t');
        ip(s, p.ipVersion, p.ipSrcHi, p.ipSrcLo);
        ip(s, p.ipVersion, p.ipDstHi, p.ipDstLo);
        number(s, p.ipProto);
        number(s, p.ipLength);
        number(s, p.srcPort);
        number(s, p.dstPort);
        s.append(p.status == Status.OK ? "ok" : p.statusLabel());
    }

    /** Seconds, a point and the fraction with at least 9 digits, as tshark's frame.time_epoch. */
    static void appendTime(StringBuilder s, long seconds, long fractionNanos) {
        s.append(seconds).append('.');
        for (long scale = 100_000_000L; scale > 1 && fractionNanos < scale; scale /= 10) {
            s.append('0');
        }
        s.append(fractionNanos);
    }

    private static void mac(StringBuilder s, long mac) {
        if (mac >= 0) {
            AddressFormat.appendMac(s, mac);
        }
        s.append('\t');
    }

    private static void ip(StringBuilder s, int version, long hi, long lo) {
        if (version == 4) {
            AddressFormat.appendIpv4(s, lo);
        } else if (version == 6) {
            AddressFormat.appendIpv6(s, hi, lo);
        }
        s.append('\t');
    }

    private static void number(StringBuilder s, int value) {
        if (value >= 0) {
            s.append(value);
        }
        s.append('\t');
    }
}
