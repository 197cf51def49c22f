package org.iotevent.sim;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A simulated home: its devices behind one NAT router and WiFi access point.
 *
 * @param name the home's name (in the ground truth)
 * @param devices the devices, in the order they get LAN addresses (192.168.1.100, .101, ...)
 * @param wanAddress the router's public IPv4 address (32 bits in an int)
 * @param dnsServer the resolver the devices ask (through the NAT)
 */
public record Home(String name, List<Device> devices, int wanAddress, int dnsServer) {
    /** The router's LAN address, 192.168.1.1. */
    public static final int ROUTER_LAN_ADDRESS = 0xc0a80101;

    public Home {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a home needs at least one device");
        }
        if (devices.size() > 150) {
            throw new IllegalArgumentException("at most 150 devices in a home, found " + devices.size());
        }
        Set<String> names = new HashSet<>();
        for (Device d : devices) {
            if (!names.add(d.name())) {
                throw new IllegalArgumentException("two devices named " + d.name() + " in home " + name);
            }
        }
        devices = List.copyOf(devices);
    }

    /** The default WAN address, 198.51.100.7 (a documentation address). */
    public static final int DEFAULT_WAN_ADDRESS = 0xc6336407;
    /** The default resolver, 192.0.2.53 (a documentation address). */
    public static final int DEFAULT_DNS_SERVER = 0xc0000235;

    /**
     * One device of the home.
     *
     * @param name unique in the home; prefixes its events in the event log ({@code name/event})
     * @param model what it does
     */
    public record Device(String name, DeviceModel model) {
        public Device {
            if (!name.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException("device name must match [a-z0-9][a-z0-9-]*, found " + name);
            }
        }
    }

    /** The LAN address of device {@code index}: 192.168.1.(100 + index). */
    public static int deviceAddress(int index) {
        return 0xc0a80164 + index;
    }
}
