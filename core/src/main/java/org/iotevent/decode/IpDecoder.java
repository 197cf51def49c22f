package org.iotevent.decode;

/**
 * IPv4 (RFC 791), IPv6 (RFC 8200) with its extension headers (hop-by-hop, routing, destination
 * options, fragment; AH per RFC 4302), and the TCP (RFC 9293) and UDP (RFC 768) headers. Each
 * layer is bounded by its declared length and by the captured bytes; transport headers are read
 * on first fragments only.
 */
final class IpDecoder {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;

    private static final int PROTO_HOP_BY_HOP = 0;
    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;
    private static final int PROTO_ROUTING = 43;
    private static final int PROTO_FRAGMENT = 44;
    private static final int PROTO_AH = 51;
    private static final int PROTO_DEST_OPTIONS = 60;
    /**
     * Extension headers walked in one packet, as tshark 4.0.17 does on an Ethernet frame (it
     * stops at 496, its tree depth limit of 500 counting the layers above): bounded work per
     * packet, at most 495 steps of a few reads each.
     */
    static final int MAX_EXTENSION_HEADERS = 495;

    private final Frame f;

    IpDecoder(Frame frame) {
        this.f = frame;
    }

    /** Decodes the IP packet of an EtherType (IPv4, IPv6); other EtherTypes leave the IP fields absent. */
    void etherType(int etherType, int off, int end) {
        if (etherType == ETHERTYPE_IPV4) {
            ipv4(off, end);
        } else if (etherType == ETHERTYPE_IPV6) {
            ipv6(off, end);
        }
    }

    /**
     * Decodes an IP packet whose version comes from its first nibble (raw IP link type 101); a
     * version other than 4 or 6 leaves the IP fields absent, as tshark shows such a packet as data.
     */
    void ipByVersion(int off, int end) {
        if (!f.has(off, 1, end, Layer.IPV4)) {
            return;
        }
        int version = f.u8(off) >>> 4;
        if (version == 6) {
            ipv6(off, end);
        } else if (version == 4) {
            ipv4(off, end);
        }
    }

    /** IPv4 header at {@code off}; {@code end} is the end the link layer declares. */
    void ipv4(int off, int end) {
        DecodedPacket p = f.out;
        if (!f.has(off, 20, end, Layer.IPV4)) {
            return;
        }
        int b0 = f.u8(off);
        if (b0 >>> 4 != 4) {
            p.stop(Status.MALFORMED, Layer.IPV4);
            return;
        }
        p.ipVersion = 4;
        p.ipOffset = off;
        int headerLength = (b0 & 0x0F) * 4;
        int totalLength = f.u16Be(off + 2);
        int fragment = f.u16Be(off + 6);
        p.ipLength = totalLength;
        p.ipProto = f.u8(off + 9);
        p.ipSrcLo = f.u32Be(off + 12);
        p.ipDstLo = f.u32Be(off + 16);
        p.ipFragmentOffset = (fragment & 0x1FFF) * 8;
        p.ipFragment = (fragment & 0x2000) != 0 || p.ipFragmentOffset != 0;
        if (headerLength < 20 || totalLength < headerLength || totalLength > end - off) {
            p.stop(Status.MALFORMED, Layer.IPV4);
            return;
        }
        int ipEnd = off + totalLength;
        if (!f.has(off, headerLength, ipEnd, Layer.IPV4)) {
            return;
        }
        if (headerLength > 20) {
            sourceRoute(off + 20, off + headerLength);
        }
        transport(off + headerLength, ipEnd);
    }

    /**
     * A loose or strict source route option (131, 137) among the IPv4 options in [{@code at},
     * {@code end}) whose pointer shows hops remain: the destination is the route's last address,
     * the final one, as tshark's {@code ip.dst} shows it. At most 40 bytes of options: bounded work.
     */
    private void sourceRoute(int at, int end) {
        while (at < end) {
            int type = f.u8(at);
            if (type == 0) {
                return;
            }
            if (type == 1) {
                at++;
                continue;
            }
            if (at + 1 >= end) {
                return;
            }
            int length = f.u8(at + 1);
            if (length < 2 || at + length > end) {
                return;
            }
            // while the pointer is within the route, hops remain and the header holds the next one
            if ((type == 131 || type == 137) && length >= 7 && (length - 3) % 4 == 0 && f.u8(at + 2) <= length) {
                f.out.ipDstLo = f.u32Be(at + length - 4);
            }
            at += length;
        }
    }

    /** IPv6 header and extension-header chain at {@code off}. */
    void ipv6(int off, int end) {
        DecodedPacket p = f.out;
        if (!f.has(off, 40, end, Layer.IPV6)) {
            return;
        }
        if (f.u8(off) >>> 4 != 6) {
            p.stop(Status.MALFORMED, Layer.IPV6);
            return;
        }
        p.ipVersion = 6;
        p.ipOffset = off;
        int payloadLength = f.u16Be(off + 4);
        p.ipLength = payloadLength + 40;
        int next = f.u8(off + 6);
        p.ipProto = next;
        p.ipSrcHi = f.u64Be(off + 8);
        p.ipSrcLo = f.u64Be(off + 16);
        p.ipDstHi = f.u64Be(off + 24);
        p.ipDstLo = f.u64Be(off + 32);
        if (payloadLength > end - off - 40) {
            p.stop(Status.MALFORMED, Layer.IPV6);
            return;
        }
        int ipEnd = off + 40 + payloadLength;
        int at = off + 40;
        for (int walked = 0; walked < MAX_EXTENSION_HEADERS; walked++) {
            int length;
            if (next == PROTO_HOP_BY_HOP || next == PROTO_ROUTING || next == PROTO_DEST_OPTIONS) {
                if (!f.has(at, 2, ipEnd, Layer.IPV6)) {
                    return;
                }
                length = (f.u8(at + 1) + 1) * 8;
            } else if (next == PROTO_AH) {
                if (!f.has(at, 2, ipEnd, Layer.IPV6)) {
                    return;
                }
                length = (f.u8(at + 1) + 2) * 4;
            } else if (next == PROTO_FRAGMENT) {
                if (!f.has(at, 8, ipEnd, Layer.IPV6)) {
                    return;
                }
                int offsetFlags = f.u16Be(at + 2);
                p.ipFragmentOffset = (offsetFlags >>> 3) * 8;
                p.ipFragment = p.ipFragment || (offsetFlags & 1) != 0 || p.ipFragmentOffset != 0;
                length = 8;
            } else {
                break;
            }
            next = f.u8(at);
            p.ipProto = next;
            if (!f.has(at, length, ipEnd, Layer.IPV6)) {
                return;
            }
            at += length;
            if (p.ipFragmentOffset != 0) {
                break;
            }
        }
        transport(at, ipEnd);
    }

    /**
     * TCP or UDP at {@code off} when this is a first fragment with a payload (an IP packet that
     * declares no payload carries no transport header, as tshark sees it); otherwise the payload
     * is the rest.
     */
    private void transport(int off, int ipEnd) {
        DecodedPacket p = f.out;
        if (p.ipFragmentOffset == 0 && ipEnd > off) {
            if (p.ipProto == PROTO_TCP) {
                tcp(off, ipEnd);
                return;
            }
            if (p.ipProto == PROTO_UDP) {
                udp(off, ipEnd);
                return;
            }
        }
        payload(off, ipEnd);
    }

    private void tcp(int off, int end) {
        DecodedPacket p = f.out;
        if (!f.has(off, 4, end, Layer.TCP)) {
            return;
        }
        p.srcPort = f.u16Be(off);
        p.dstPort = f.u16Be(off + 2);
        p.transportOffset = off;
        if (!f.has(off, 20, end, Layer.TCP)) {
            return;
        }
        int headerLength = (f.u8(off + 12) >>> 4) * 4;
        p.tcpFlags = f.u8(off + 13);
        if (headerLength < 20) {
            p.stop(Status.MALFORMED, Layer.TCP);
            return;
        }
        if (f.has(off, headerLength, end, Layer.TCP)) {
            payload(off + headerLength, end);
        }
    }

    private void udp(int off, int end) {
        DecodedPacket p = f.out;
        if (!f.has(off, 4, end, Layer.UDP)) {
            return;
        }
        p.srcPort = f.u16Be(off);
        p.dstPort = f.u16Be(off + 2);
        p.transportOffset = off;
        if (!f.has(off, 8, end, Layer.UDP)) {
            return;
        }
        int length = f.u16Be(off + 4);
        // A first fragment carries only the start of the datagram its length describes.
        if (length < 8 || (length > end - off && !p.ipFragment)) {
            p.stop(Status.MALFORMED, Layer.UDP);
            return;
        }
        payload(off + 8, Math.min(end, off + length));
    }

    private void payload(int off, int end) {
        DecodedPacket p = f.out;
        p.payloadOffset = off;
        p.payloadLength = Math.max(0, f.sliceEnd(end) - off);
    }
}
