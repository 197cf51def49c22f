package org.iotevent.decode;

import java.nio.ByteBuffer;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.LinkType;

/**
 * The packet decoder: dispatches on the record's link type (Ethernet with 802.1Q/802.1ad tags,
 * Linux SLL and SLL2, raw IP, BSD NULL and LOOP, IEEE 802.11 bare or behind radiotap, PPI or
 * Prism) and hands the network layer to {@link IpDecoder}. Holds reusable state: one instance per
 * thread. Allocates nothing per packet.
 */
public final class LinkDecoder implements PacketDecoder {
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    private static final int PPP_IPV4 = 0x0021;
    private static final int PPP_IPV6 = 0x0057;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    /** EtherType values below this are IEEE 802.3 lengths. */
    private static final int ETHERTYPE_MIN = 0x0600;
    /** More VLAN tags than this are not walked (hostile stacks). */
    private static final int MAX_VLAN_TAGS = 16;

    private final Frame f = new Frame();
    private final IpDecoder ip = new IpDecoder(f);
    private final WlanDecoder wlan = new WlanDecoder(f, this);
    /** False to decode every frame through the layers (for the tests that compare the two). */
    private final boolean direct;
    private long guardTrips;

    public LinkDecoder() {
        this(true);
    }

    /** @param direct whether the common frame is decoded by {@link #ethernetIpv4} (else through the layers) */
    LinkDecoder(boolean direct) {
        this.direct = direct;
    }

    @Override
    public void decode(CaptureRecord record, DecodedPacket out) {
        decode(record, out, 0);
    }

    @Override
    public boolean nextSubframe(CaptureRecord record, DecodedPacket out) {
        int next = out.wlanSubframe + 1;
        if (out.wlanSubframe < 0 || next >= out.wlanSubframes || out.record != record) {
            return false;
        }
        decode(record, out, next);
        return true;
    }

    /** Decodes {@code record}, and of an unprotected A-MSDU its subframe {@code subframe}. */
    private void decode(CaptureRecord record, DecodedPacket out, int subframe) {
        out.reset(record);
        try {
            if (direct && record.linkType == LinkType.ETHERNET && ethernetIpv4(record, out)) {
                return;
            }
            f.load(record, out);
            f.subframe = subframe;
            dispatch(record.linkType);
        } catch (IndexOutOfBoundsException e) {
            // Every read is bounds-checked first; this only guards the promise that no packet
            // bytes make decode() throw. The tests assert that it never trips.
            guardTrips++;
            out.stop(Status.MALFORMED, Layer.LINK);
        }
    }

    /**
     * The common frame in one step: an Ethernet II frame of IPv4 without VLAN tag, options or
     * fragmentation carrying a whole TCP or UDP header, captured that far and declared whole.
     * Fills {@code p} as {@link #ethernet} and {@link IpDecoder} do through their layers (one
     * call instead of eight: the per-packet path of a whole-home pass); anything else is left to
     * them.
     *
     * @return false, leaving {@code p} as reset, when the frame is not of that kind
     */
    private static boolean ethernetIpv4(CaptureRecord r, DecodedPacket p) {
        int captured = r.capturedLength;
        if (captured < ETHERNET_IPV4_UDP) {
            return false;
        }
        ByteBuffer b = r.data;
        int o = r.dataOffset;
        // as dispatch bounds the frame: the wire length, less a trailing FCS the file states
        int end = Frame.ethernetEnd(Frame.wireEnd(r), Frame.fileFcsLength(r));
        // five wide reads instead of seventeen narrow ones: bytes 0-39
        long w0 = Bytes.u64Be(b, o); // destination MAC, source MAC's first 2 bytes
        long w1 = Bytes.u64Be(b, o + 8); // source MAC's last 4, EtherType, IP version and header length, TOS
        long w2 = Bytes.u64Be(b, o + 16); // IP total length, id, flags and fragment offset, TTL, protocol
        long w3 = Bytes.u64Be(b, o + 24); // IP checksum, source, destination's first 2 bytes
        long w4 = Bytes.u64Be(b, o + 32); // destination's last 2, ports, UDP length (TCP: sequence number)
        int totalLength = (int) (w2 >>> 48);
        if ((w1 >>> 8 & 0xFF_FFFF) != 0x08_0045 || totalLength > end - 14 || (w2 >>> 16 & 0x3FFF) != 0) {
            return false;
        }
        int proto = (int) w2 & 0xFF;
        int ipEnd = 14 + totalLength;
        int payload;
        if (proto == IpDecoder.PROTO_TCP) {
            int offsetAndFlags = captured < ETHERNET_IPV4_TCP ? 0 : Bytes.u16Be(b, o + 46);
            int headerLength = (offsetAndFlags >>> 12) * 4;
            if (headerLength < 20 || 34 + headerLength > Math.min(ipEnd, captured)) {
                return false;
            }
            p.tcpFlags = offsetAndFlags & 0xFF;
            payload = 34 + headerLength;
        } else if (proto == IpDecoder.PROTO_UDP) {
            int length = (int) w4 & 0xFFFF;
            if (length < 8 || 34 + length > ipEnd) {
                return false;
            }
            payload = 42;
            ipEnd = 34 + length;
        } else {
            return false;
        }
        p.linkDst = w0 >>> 16;
        p.linkSrc = (w0 & 0xFFFF) << 32 | w1 >>> 32;
        p.etherType = IpDecoder.ETHERTYPE_IPV4;
        p.ipVersion = 4;
        p.ipOffset = 14;
        p.ipLength = totalLength;
        p.ipProto = proto;
        p.ipSrcLo = w3 >>> 16 & 0xFFFF_FFFFL;
        p.ipDstLo = (w3 & 0xFFFF) << 16 | w4 >>> 48;
        p.srcPort = (int) (w4 >>> 32) & 0xFFFF;
        p.dstPort = (int) (w4 >>> 16) & 0xFFFF;
        p.transportOffset = 34;
        p.payloadOffset = payload;
        p.payloadLength = Math.max(0, Math.min(ipEnd, captured) - payload);
        return true;
    }

    /** Bytes of an Ethernet II header, an IPv4 header without options and a UDP header; with a TCP header. */
    private static final int ETHERNET_IPV4_UDP = 14 + 20 + 8;
    private static final int ETHERNET_IPV4_TCP = 14 + 20 + 20;

    /** How often a read escaped the bounds checks (a decoder bug); for tests. */
    long guardTrips() {
        return guardTrips;
    }

    private void dispatch(int linkType) {
        int end = f.wireEnd;
        switch (linkType) {
            case LinkType.ETHERNET -> ethernet(0, Frame.ethernetEnd(end, f.fileFcsLength));
            case LinkType.LINUX_SLL -> sll();
            case LinkType.LINUX_SLL2 -> sll2();
            case LinkType.RAW -> ip.ipByVersion(0, end);
            case LinkType.IPV4 -> ip.ipv4(0, end);
            case LinkType.IPV6 -> ip.ipv6(0, end);
            case LinkType.NULL, LinkType.LOOP -> nullLoop(linkType == LinkType.LOOP);
            case LinkType.IEEE802_11 -> wlan.bare();
            case LinkType.IEEE802_11_RADIOTAP -> wlan.radiotap();
            case LinkType.PPI -> wlan.ppi();
            case LinkType.IEEE802_11_PRISM -> wlan.prism();
            default -> { }
        }
    }

    /** Ethernet II or IEEE 802.3 header at {@code off}. */
    void ethernet(int off, int end) {
        DecodedPacket p = f.out;
        if (!f.has(off, 14, end, Layer.LINK)) {
            return;
        }
        p.linkDst = f.mac48(off);
        p.linkSrc = f.mac48(off + 6);
        int typeOrLength = f.u16Be(off + 12);
        if (typeOrLength >= ETHERTYPE_MIN) {
            etherTypeAt(off + 12, end);
        } else {
            llc(off + 14, end);
        }
    }

    /**
     * IEEE 802.2 LLC at {@code off}; a SNAP header with the RFC 1042 or 802.1H OUI carries an
     * EtherType, then the network layer. Other LLC frames (STP, other OUIs) carry no IP layer.
     */
    void llc(int off, int end) {
        if (!f.has(off, 3, end, Layer.LLC)) {
            return;
        }
        if (f.u8(off) != 0xAA || f.u8(off + 1) != 0xAA || f.u8(off + 2) != 0x03) {
            return;
        }
        if (!f.has(off, 8, end, Layer.LLC)) {
            return;
        }
        long oui = f.u32Be(off + 2) & 0xFF_FFFFL;
        if (oui == 0x00_0000L || oui == 0x00_00F8L) {
            etherTypeAt(off + 6, end);
        }
    }

    /**
     * The EtherType at {@code off}, then any VLAN tags (802.1Q, 802.1ad), then the network layer
     * after them.
     */
    void etherTypeAt(int off, int end) {
        etherType(f.u16Be(off), off + 2, end);
    }

    /** EtherType {@code type} read already; its payload (tags, network layer) starts at {@code at}. */
    private void etherType(int type, int at, int end) {
        DecodedPacket p = f.out;
        while (isVlan(type)) {
            if (p.vlanTags == MAX_VLAN_TAGS) {
                p.stop(Status.MALFORMED, Layer.VLAN);
                return;
            }
            if (!f.has(at, 4, end, Layer.VLAN)) {
                return;
            }
            if (p.vlanTags == 0) {
                p.vlanId = f.u16Be(at) & 0x0FFF;
            }
            p.vlanTags++;
            type = f.u16Be(at + 2);
            at += 4;
        }
        p.etherType = type;
        if (type == ETHERTYPE_PPPOE_SESSION) {
            pppoeSession(at, end);
            return;
        }
        ip.etherType(type, at, end);
    }

    /**
     * A PPPoE session frame (RFC 2516 section 4: version and type 0x11, code 0, session id,
     * length) carrying PPP (RFC 1661) with IPv4 (protocol 0x0021) or IPv6 (0x0057), as on the WAN
     * link of a DSL or fibre router. Other PPP protocols (LCP, IPCP) carry no IP layer.
     */
    private void pppoeSession(int at, int end) {
        if (!f.has(at, 8, end, Layer.LINK)) {
            return;
        }
        if (f.u8(at) != 0x11 || f.u8(at + 1) != 0) {
            f.out.stop(Status.MALFORMED, Layer.LINK);
            return;
        }
        int declared = f.u16Be(at + 4);
        int pppEnd = Math.min(end, at + 6 + declared);
        int protocol = f.u16Be(at + 6);
        if (protocol == PPP_IPV4) {
            ip.ipv4(at + 8, pppEnd);
        } else if (protocol == PPP_IPV6) {
            ip.ipv6(at + 8, pppEnd);
        }
    }

    /** Linux cooked capture v1: 16-byte header, protocol last. */
    private void sll() {
        DecodedPacket p = f.out;
        int end = f.wireEnd;
        if (!f.has(0, 16, end, Layer.LINK)) {
            return;
        }
        if (f.u16Be(4) == 6) {
            p.linkSrc = f.mac48(6);
        }
        cookedProtocol(14, 16, end);
    }

    /** Linux cooked capture v2: 20-byte header, protocol first. */
    private void sll2() {
        DecodedPacket p = f.out;
        int end = f.wireEnd;
        if (!f.has(0, 20, end, Layer.LINK)) {
            return;
        }
        if (f.u8(11) == 6) {
            p.linkSrc = f.mac48(12);
        }
        cookedProtocol(0, 20, end);
    }

    private void cookedProtocol(int protocolOff, int headerEnd, int end) {
        int protocol = f.u16Be(protocolOff);
        if (protocol < ETHERTYPE_MIN) {
            f.out.etherType = protocol;
        } else {
            etherType(protocol, headerEnd, end);
        }
    }

    private static boolean isVlan(int etherType) {
        return etherType == ETHERTYPE_VLAN || etherType == ETHERTYPE_QINQ || etherType == ETHERTYPE_QINQ_OLD;
    }

    /**
     * BSD loopback: a 4-byte header, big-endian for LOOP, in the capturing host's byte order for
     * NULL, read as tshark's null dissector reads it: a value that does not look like a host-order
     * address family is swapped (or taken as 16 bits), and a value above 1500 is an EtherType.
     * AF_INET is 2 everywhere; AF_INET6 is 24, 28 or 30 depending on the BSD.
     */
    private void nullLoop(boolean bigEndian) {
        int end = f.wireEnd;
        if (!f.has(0, 4, end, Layer.LINK)) {
            return;
        }
        long header = bigEndian ? f.u32Be(0) : f.u32Le(0);
        if (!bigEndian && (header & 0xFFFF_0000L) != 0) {
            if ((header & 0xFF00_0000L) == 0 && (header & 0x00FF_0000L) < 0x0006_0000L) {
                header >>>= 16;
            } else {
                header = f.u32Be(0);
            }
        }
        if (header > 1500) {
            etherType((int) (header & 0xFFFF), 4, end);
        } else if (header == 2) {
            ip.ipv4(4, end);
        } else if (header == 24 || header == 28 || header == 30) {
            ip.ipv6(4, end);
        }
    }
}
