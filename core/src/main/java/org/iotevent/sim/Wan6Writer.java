package org.iotevent.sim;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The WAN side over IPv6 ({@link Vantage#WAN6}): the router routes without NAT, so each device
 * keeps its own global address, {@code 2001:db8:0:1::} + (100 + index), and each remote host (cloud,
 * resolver) is reached at {@code 2001:db8:c10d::} + its IPv4 address. The transport segments are
 * those of the other vantage points, but for DNS: over IPv6 the devices ask for AAAA records and
 * are answered with the clouds' IPv6 addresses. One frame a packet.
 */
final class Wan6Writer extends VantageWriter {
    private final byte[] device = new byte[16];
    private final byte[] remote = new byte[16];

    Wan6Writer(OutputStream out) throws IOException {
        super(Vantage.WAN6, out);
    }

    /** The global IPv6 address of device {@code index}, as 16 bytes. */
    static byte[] deviceAddress(int index, byte[] into) {
        java.util.Arrays.fill(into, (byte) 0);
        into[0] = 0x20;
        into[1] = 0x01;
        into[2] = 0x0d;
        into[3] = (byte) 0xb8;
        into[7] = 1;
        putShort(into, 14, 100 + index);
        return into;
    }

    private static byte[] remoteAddress(int v4, byte[] into) {
        java.util.Arrays.fill(into, (byte) 0);
        into[0] = 0x20;
        into[1] = 0x01;
        into[2] = 0x0d;
        into[3] = (byte) 0xb8;
        into[4] = (byte) 0xc1;
        into[5] = 0x0d;
        putInt(into, 12, v4 & 0xffffffffL);
        return into;
    }

    @Override
    void write(Packet p, DeviceAgent agent) throws IOException {
        if (p.lanOnly) {
            return;
        }
        if (p.protocol == Packet.UDP && p.remotePort == 53 && p.length >= 12) {
            byte[] aaaa = Payloads.dnsAsAaaa(p.data, p.offset, p.length, remoteAddress(0, remote));
            Packet dns = new Packet(p.timeNanos, p.device, p.fromDevice, p.protocol, p.remoteAddress, p.devicePort,
                    p.remotePort).payload(aaaa, 0, aaaa.length);
            dns.ipId = p.ipId;
            dns.sealPayload();
            p = dns;
        }
        deviceAddress(agent.index, device);
        remoteAddress(p.remoteAddress, remote);
        int at;
        if (p.fromDevice) {
            ethernet(buffer, ISP_GATEWAY_MAC, ROUTER_WAN_MAC, 0x86DD);
            at = ip6Packet(14, p, device, remote, p.devicePort, p.remotePort, 63);
        } else {
            ethernet(buffer, ROUTER_WAN_MAC, ISP_GATEWAY_MAC, 0x86DD);
            at = ip6Packet(14, p, remote, device, p.remotePort, p.devicePort, 52);
        }
        emit(p.timeNanos, at);
    }
}
