package org.iotevent.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The WAN side of the NAT router: every device's traffic leaves from the router's public
 * address, each flow on its own public port (allocated in order of first use from 32768). One
 * frame a packet, so a packet's frame number is its {@link Packet#wanNumber} (the LAN's own packets,
 * {@link Packet#lanOnly}, stay behind). Over PPPoE
 * ({@link Vantage#WAN_PPPOE}) each IP packet rides in a PPPoE session frame (RFC 2516) with the
 * PPP protocol IPv4; the MTU is taken as 1500 (RFC 4638), so the packets are those of the
 * Ethernet WAN.
 */
final class WanWriter extends VantageWriter {
    private final int wanAddress;
    private final Map<Flow, Integer> natPorts = new HashMap<>();
    private int nextPort = 32_768;
    private final Flow[] lastFlow;
    private final int[] lastPort;

    private record Flow(int device, int protocol, int devicePort, int remoteAddress, int remotePort) {}

    private final boolean pppoe;
    /** The PPPoE session's id. */
    static final int PPPOE_SESSION = 0x2a17;

    WanWriter(OutputStream out, int wanAddress, int devices) throws IOException {
        this(Vantage.WAN, out, wanAddress, devices);
    }

    WanWriter(Vantage vantage, OutputStream out, int wanAddress, int devices) throws IOException {
        super(vantage, out);
        this.pppoe = vantage == Vantage.WAN_PPPOE;
        this.lastFlow = new Flow[devices];
        this.lastPort = new int[devices];
        this.wanAddress = wanAddress;
    }

    /** The public port of the packet's flow: the device's last flow is remembered, the others looked up. */
    private int natPort(int device, Packet p) {
        Flow last = lastFlow[device];
        if (last != null && last.protocol == p.protocol && last.devicePort == p.devicePort
                && last.remoteAddress == p.remoteAddress && last.remotePort == p.remotePort) {
            return lastPort[device];
        }
        Flow key = new Flow(device, p.protocol, p.devicePort, p.remoteAddress, p.remotePort);
        Integer port = natPorts.get(key);
        if (port == null) {
            port = nextPort;
            nextPort = nextPort == 60_999 ? 32_768 : nextPort + 1;
            natPorts.put(key, port);
        }
        lastFlow[device] = key;
        lastPort[device] = port;
        return port;
    }

    @Override
    void write(Packet p, DeviceAgent agent) throws IOException {
        if (p.lanOnly) {
            return;
        }
        int port = natPort(agent.index, p);
        int ip = pppoe ? 22 : 14;
        int at;
        if (p.fromDevice) {
            ethernet(buffer, ISP_GATEWAY_MAC, ROUTER_WAN_MAC, pppoe ? 0x8864 : 0x0800);
            at = ipPacket(ip, p, wanAddress, p.remoteAddress, port, p.remotePort, 63);
        } else {
            ethernet(buffer, ROUTER_WAN_MAC, ISP_GATEWAY_MAC, pppoe ? 0x8864 : 0x0800);
            at = ipPacket(ip, p, p.remoteAddress, wanAddress, p.remotePort, port, 52);
        }
        if (pppoe) {
            buffer[14] = 0x11;
            buffer[15] = 0;
            putShort(buffer, 16, PPPOE_SESSION);
            putShort(buffer, 18, 2 + p.ipLength());
            putShort(buffer, 20, 0x0021);
        }
        emit(p.timeNanos, at);
    }
}
