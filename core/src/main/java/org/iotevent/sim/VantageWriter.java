package org.iotevent.sim;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import org.iotevent.capture.PcapWriter;

/** Turns simulated packets into the frames one vantage point captures, and writes them as pcap. */
abstract class VantageWriter implements Closeable {
    /** The home router's LAN MAC address, which is also the access point's BSSID. */
    static final long ROUTER_LAN_MAC = 0xc025e9_3a4f10L;
    /** The router's WAN MAC address. */
    static final long ROUTER_WAN_MAC = 0xc025e9_3a4f11L;
    /** The ISP's next hop. */
    static final long ISP_GATEWAY_MAC = 0x00005e_000101L;

    final Vantage vantage;
    private final PcapWriter pcap;
    final byte[] buffer = new byte[70_000];
    private long frames;
    private long bytes;
    private long lastTime;

    VantageWriter(Vantage vantage, OutputStream out) throws IOException {
        this.vantage = vantage;
        this.pcap = new PcapWriter(out, vantage.linkType());
    }

    /** Writes the frames of {@code p}, sent or received by {@code agent}'s device. */
    abstract void write(Packet p, DeviceAgent agent) throws IOException;

    /** Writes what comes after the last packet up to {@code endNanos} (beacons). */
    void finish(long endNanos) throws IOException {}

    /** Appends {@code buffer[0, length)} as the next frame at {@code timeNanos} (kept non-decreasing); returns its number. */
    final long emit(long timeNanos, int length) throws IOException {
        long t = Math.max(timeNanos, lastTime);
        lastTime = t;
        pcap.write(t, buffer, 0, length, length);
        bytes += 16 + length;
        return ++frames;
    }

    final long frames() {
        return frames;
    }

    /** Bytes written so far, pcap headers included. */
    final long bytes() {
        return bytes + 24;
    }

    @Override
    public void close() throws IOException {
        pcap.close();
    }

    /**
     * The MAC address a packet from the device goes to on the LAN: the router's, or for a LAN
     * packet to a group the broadcast address or the IPv4 multicast MAC (RFC 1112: 01:00:5e and
     * the group's low 23 bits).
     */
    static long destinationMac(Packet p) {
        if (!p.lanOnly) {
            return ROUTER_LAN_MAC;
        }
        if (p.remoteAddress == -1) {
            return 0xffff_ffff_ffffL;
        }
        return (p.remoteAddress >>> 28) == 0xe ? 0x0100_5e00_0000L | (p.remoteAddress & 0x7f_ffffL) : ROUTER_LAN_MAC;
    }

    /** The source address of a packet from the device: its own, or 0.0.0.0 before it has one. */
    static int sourceAddress(Packet p, DeviceAgent agent) {
        return p.unspecifiedSource ? 0 : agent.address;
    }

    static int putMac(byte[] b, int at, long mac) {
        for (int i = 5; i >= 0; i--) {
            b[at + 5 - i] = (byte) (mac >>> (8 * i));
        }
        return at + 6;
    }

    static int putShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
        return at + 2;
    }

    static int putInt(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
        return at + 4;
    }

    /** Ethernet II header with EtherType IPv4. */
    static int ethernet(byte[] b, long dst, long src) {
        return ethernet(b, dst, src, 0x0800);
    }

    /** Ethernet II header with {@code etherType}. */
    static int ethernet(byte[] b, long dst, long src, int etherType) {
        putMac(b, 0, dst);
        putMac(b, 6, src);
        return putShort(b, 12, etherType);
    }

    /**
     * Writes the IPv4 packet of {@code p} at {@code at} (RFC 791, 793, 768) with the given
     * addresses, ports and TTL, both checksums computed; returns the offset after it.
     */
    final int ipPacket(int at, Packet p, int src, int dst, int srcPort, int dstPort, int ttl) {
        byte[] b = buffer;
        int total = p.ipLength();
        b[at] = 0x45;
        b[at + 1] = 0;
        putShort(b, at + 2, total);
        putShort(b, at + 4, p.ipId);
        putShort(b, at + 6, 0x4000);
        b[at + 8] = (byte) ttl;
        b[at + 9] = (byte) p.protocol;
        putShort(b, at + 10, 0);
        putInt(b, at + 12, src & 0xffffffffL);
        putInt(b, at + 16, dst & 0xffffffffL);
        putShort(b, at + 10, Checksums.finish(Checksums.sum(b, at, 20, 0)));
        int segment = p.transportHeaderLength() + p.length;
        long pseudo = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + p.protocol + segment;
        return transport(at + 20, p, srcPort, dstPort, pseudo);
    }

    /**
     * Writes the IPv6 packet of {@code p} at {@code at} (RFC 8200; checksum over the RFC 8200
     * section 8.1 pseudo-header): the same transport segment as {@link #ipPacket}, 20 bytes more
     * IP header. Addresses are 16 bytes each. Returns the offset after it.
     */
    final int ip6Packet(int at, Packet p, byte[] src, byte[] dst, int srcPort, int dstPort, int hopLimit) {
        byte[] b = buffer;
        int segment = p.transportHeaderLength() + p.length;
        putInt(b, at, 0x6000_0000L);
        putShort(b, at + 4, segment);
        b[at + 6] = (byte) p.protocol;
        b[at + 7] = (byte) hopLimit;
        System.arraycopy(src, 0, b, at + 8, 16);
        System.arraycopy(dst, 0, b, at + 24, 16);
        long pseudo = Checksums.sum(src, 0, 16, 0) + Checksums.sum(dst, 0, 16, 0) + segment + p.protocol;
        return transport(at + 40, p, srcPort, dstPort, pseudo);
    }

    /** The TCP or UDP segment of {@code p} at {@code l4}, its checksum from {@code pseudo}; returns the offset after it. */
    private int transport(int l4, Packet p, int srcPort, int dstPort, long pseudo) {
        byte[] b = buffer;
        int header = p.transportHeaderLength();
        putShort(b, l4, srcPort);
        putShort(b, l4 + 2, dstPort);
        int checksumAt;
        if (p.protocol == Packet.TCP) {
            putInt(b, l4 + 4, p.seq);
            putInt(b, l4 + 8, p.ack);
            b[l4 + 12] = (byte) (header / 4 << 4);
            b[l4 + 13] = (byte) p.tcpFlags;
            putShort(b, l4 + 14, p.fromDevice ? 5_840 : 29_200);
            putShort(b, l4 + 16, 0);
            putShort(b, l4 + 18, 0);
            if (header == 24) {
                b[l4 + 20] = 2;
                b[l4 + 21] = 4;
                putShort(b, l4 + 22, 1460);
            }
            checksumAt = l4 + 16;
        } else {
            putShort(b, l4 + 4, 8 + p.length);
            putShort(b, l4 + 6, 0);
            checksumAt = l4 + 6;
        }
        int segment = header + p.length;
        int sum = Checksums.sum(b, l4, header, Checksums.fold(pseudo + p.payloadSum()));
        int check = Checksums.finish(sum);
        putShort(b, checksumAt, p.protocol == Packet.UDP && check == 0 ? 0xffff : check);
        System.arraycopy(p.data, p.offset, b, l4 + header, p.length);
        return l4 + segment;
    }
}
