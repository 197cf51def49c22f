package org.iotevent.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which packets are the device's, as the user wrote it ({@code --device} and {@code --cloud}).
 *
 * <ul>
 *   <li>{@code IP}: an IPv4 or IPv6 address, for captures on the LAN side of the router;
 *   <li>{@code MAC}: a MAC address ({@code aa:bb:cc:dd:ee:ff}), for LAN or 802.11 monitor-mode
 *       captures (on 802.11 the source and destination addresses, SA and DA);
 *   <li>{@code WAN}: {@code wan:ROUTER_WAN_IP} (or {@code wan} for any address) with cloud
 *       endpoints: domain names, whose addresses are learnt from DNS answers in the capture, and/or
 *       addresses given directly. A packet is the device's when it goes between the router's WAN
 *       address and a cloud address. Cloud addresses are learnt from DNS answers and from the server
 *       name (SNI) of the TLS connections the router opens.
 *   <li>{@code WAN} with a port: {@code wan:ROUTER_WAN_IP:PORT} ({@code wan:[IPv6]:PORT}) selects
 *       one connection of the router's, the one on that NAT port (what {@code devices} lists on the
 *       WAN side): behind one NAT address two devices of one vendor talk to the same cloud, and
 *       only their connections tell them apart. {@code --cloud} is then optional and narrows it.
 * </ul>
 *
 * @param kind the form
 * @param text the {@code --device} text, normalised (lower case)
 * @param ipHi for IP and WAN with a router address: high half of the address key ({@link Addresses})
 * @param ipLo low half of the address key
 * @param hasIp true when {@code ipHi}/{@code ipLo} hold an address
 * @param mac for MAC: the 48-bit address; -1 otherwise
 * @param cloudDomains for WAN: domain names (lower case, no trailing dot); a name matches itself
 *     and its subdomains
 * @param cloudAddresses for WAN: cloud addresses given directly, as text
 * @param port for WAN: the router's port of the one connection selected, or -1 for every connection
 */
public record DeviceSelector(
        Kind kind,
        String text,
        long ipHi,
        long ipLo,
        boolean hasIp,
        long mac,
        List<String> cloudDomains,
        List<String> cloudAddresses,
        int port) {

    /** The forms of selection. */
    public enum Kind {
        IP,
        MAC,
        WAN
    }

    public DeviceSelector {
        cloudDomains = List.copyOf(cloudDomains);
        cloudAddresses = List.copyOf(cloudAddresses);
        if (kind == Kind.IP && !hasIp) {
            throw new IllegalArgumentException("an IP selection needs an address");
        }
        if (kind == Kind.MAC && (mac < 0 || mac > 0xFFFF_FFFF_FFFFL)) {
            throw new IllegalArgumentException("a MAC selection needs a 48-bit address");
        }
        if (port != -1 && (kind != Kind.WAN || !hasIp || port < 1 || port > 65535)) {
            throw new IllegalArgumentException("a connection's port needs wan:ROUTER_IP:PORT with a port in 1..65535");
        }
        if (kind == Kind.WAN && port == -1 && cloudDomains.isEmpty() && cloudAddresses.isEmpty()) {
            throw new IllegalArgumentException(
                    "--device " + text + " needs the cloud's domain names or addresses (--cloud NAME,...), or the "
                            + "connection's port (wan:ROUTER_IP:PORT, as iotevent devices lists it)");
        }
        if (kind != Kind.WAN && !(cloudDomains.isEmpty() && cloudAddresses.isEmpty())) {
            throw new IllegalArgumentException("--cloud only applies with --device wan[:ROUTER_IP]");
        }
        for (String a : cloudAddresses) {
            if (Addresses.parseIp(a) == null) {
                throw new IllegalArgumentException("cloud address '" + a + "' is not an IP address");
            }
        }
    }

    /**
     * Parses {@code --device} and {@code --cloud}.
     *
     * @param device an IP address, a MAC address, {@code wan} or {@code wan:ROUTER_IP}
     * @param cloud domain names and IP addresses of the device's cloud (WAN form only); may be empty
     * @throws IllegalArgumentException with a message for the user when the text fits no form
     */
    public static DeviceSelector parse(String device, List<String> cloud) {
        String text = device.trim().toLowerCase(Locale.ROOT);
        List<String> domains = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (String c : cloud) {
            String item = c.trim().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) {
                continue;
            }
            if (Addresses.parseIp(item) != null) {
                addresses.add(item);
            } else if (item.matches("[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?\\.?")) {
                domains.add(item.endsWith(".") ? item.substring(0, item.length() - 1) : item);
            } else {
                throw new IllegalArgumentException("--cloud '" + c + "' is neither an IP address nor a domain name");
            }
        }
        if (text.equals("wan") || text.startsWith("wan:")) {
            String router = text.equals("wan") ? "" : text.substring(4);
            int port = -1;
            java.util.regex.Matcher withPort = java.util.regex.Pattern
                    .compile("\\[([0-9a-f:.]+)\\]:(\\d{1,5})|([0-9.]+):(\\d{1,5})").matcher(router);
            if (withPort.matches()) {
                router = withPort.group(1) != null ? withPort.group(1) : withPort.group(3);
                port = Integer.parseInt(withPort.group(2) != null ? withPort.group(2) : withPort.group(4));
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("--device " + device + ": port " + port + " is not in 1..65535");
                }
            }
            long[] key = router.isEmpty() ? null : Addresses.parseIp(router);
            if (!router.isEmpty() && key == null) {
                throw new IllegalArgumentException("--device " + device + ": '" + router + "' is not an IP address");
            }
            return new DeviceSelector(Kind.WAN, text, key == null ? 0 : key[0], key == null ? 0 : key[1],
                    key != null, -1, domains, addresses, port);
        }
        long[] ip = Addresses.parseIp(text);
        if (ip != null) {
            return new DeviceSelector(Kind.IP, text, ip[0], ip[1], true, -1, domains, addresses, -1);
        }
        long mac = Addresses.parseMac(text);
        if (mac >= 0) {
            return new DeviceSelector(Kind.MAC, Addresses.formatMac(mac), 0, 0, false, mac, domains, addresses, -1);
        }
        throw new IllegalArgumentException("--device '" + device
                + "' is not an IP address, a MAC address (aa:bb:cc:dd:ee:ff) or wan[:ROUTER_IP] with --cloud");
    }

    /** A short description for messages: {@code IP 192.168.1.159}, {@code MAC ...}, {@code WAN ...}. */
    public String describe() {
        return switch (kind) {
            case IP -> "IP " + text;
            case MAC -> "MAC " + text;
            case WAN -> "WAN " + (hasIp ? "router " + text.substring(4) : "(any router address)")
                    + (port == -1 || !cloud().isEmpty() ? " with cloud " + String.join(",", cloud()) : " (one connection)");
        };
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The {@code --cloud} list that gives this selector back through {@link #parse}. */
    public List<String> cloud() {
        return concat(cloudDomains, cloudAddresses);
    }
}
