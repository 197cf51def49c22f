package org.iotevent.sim;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The router's LAN side: Ethernet frames between the devices and the router, device addresses
 * visible. One frame a packet, so a packet's frame number is its {@link Packet#number}.
 */
final class LanWriter extends VantageWriter {
    LanWriter(OutputStream out) throws IOException {
        super(Vantage.LAN, out);
    }

    @Override
    void write(Packet p, DeviceAgent agent) throws IOException {
        int at;
        if (p.fromDevice) {
            ethernet(buffer, destinationMac(p), agent.mac);
            at = ipPacket(14, p, sourceAddress(p, agent), p.remoteAddress, p.devicePort, p.remotePort, 64);
        } else {
            ethernet(buffer, agent.mac, ROUTER_LAN_MAC);
            at = ipPacket(14, p, p.remoteAddress, agent.address, p.remotePort, p.devicePort, 51);
        }
        emit(p.timeNanos, at);
    }
}
