package org.iotevent.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The WAN side of the NAT router: every device's traffic leaves from the router's public
 * address, each flow on its own public port (allocated in order of first use from 32768).
 */
final class WanWriter extends VantageWriter {
    private final int wanAddress;
    private final Map<Flow, Integer> natPorts = new HashMap<>();
    private int nextPort = 32_768;

    private record Flow(int device, int protocol, int devicePort, int remoteAddress, int remotePort) {}

    WanWriter(OutputStream out, FrameListener listener, int wanAddress) throws IOException {
        super(Vantage.WAN, out, listener);
        this.wanAddress = wanAddress;
    }

    @Override
    void write(Packet p, DeviceAgent agent) throws IOException {
        Flow key = new Flow(agent.index, p.protocol, p.devicePort, p.remoteAddress, p.remotePort);
        Integer port = natPorts.get(key);
        if (port == null) {
            port = nextPort;
            nextPort = nextPort == 60_999 ? 32_768 : nextPort + 1;
            natPorts.put(key, port);
        }
        int at;
        if (p.fromDevice) {
            ethernet(buffer, ISP_GATEWAY_MAC, ROUTER_WAN_MAC);
            at = ipPacket(14, p, wanAddress, p.remoteAddress, port, p.remotePort, 63);
        } else {
            ethernet(buffer, ROUTER_WAN_MAC, ISP_GATEWAY_MAC);
            at = ipPacket(14, p, p.remoteAddress, wanAddress, p.remotePort, port, 52);
        }
        long frame = emit(p.timeNanos, at);
        if (p.event >= 0) {
            listener.frame(vantage, p, frame, false);
        }
    }
}
