package org.iotevent.traffic;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.iotevent.decode.DecodedPacket;

/**
 * Finds the devices a capture holds and the evidence of what each is, in one pass: on the LAN
 * side every host with a private address (by its MAC address where the link has one), its MAC
 * block's owner, DHCP host name and vendor class, mDNS and SSDP announcements, the names it
 * looks up in DNS and asks for in TLS (SNI), the clouds it talks to, the TCP ports it accepts
 * connections on, and its long-lived connections; on the WAN side (no private addresses, or a
 * router address given) the clouds seen and, per cloud, each long-lived connection, a candidate
 * device. Cloud addresses are named from DNS answers and from the SNI of connections to them, so
 * a connection opened before the capture began is still listed, by its address.
 *
 * <p>Not for the per-packet detection path: it parses DHCP, DNS, SSDP and ClientHellos and keeps
 * a map of connections (at most {@value #MAX_CONNECTIONS}).
 *
 * <p>From a WiFi sniffer on a protected network every packet is encrypted, broadcasts too: the
 * devices are the stations that send protected data frames, by MAC address (its block's owner,
 * frames and bytes), with nothing else to go on.
 */
public final class DeviceCensus {
    static final int MAX_CONNECTIONS = 200_000;
    static final int MAX_DEVICES = 10_000;
    static final int MAX_NAMES = 200;
    /** Packets further apart than this start a new burst of a connection, for its heartbeat period. */
    static final long BURST_GAP_NANOS = 1_000_000_000L;
    private static final int MAX_BURSTS = 4_096;

    private final OuiRegistry oui;
    private final DeviceCatalogue catalogue;
    private final long[] router;
    private final long minLifetimeNanos;

    /** The hosts by MAC address ({@code Long}), or by {@link Ip} where the link carries none. */
    private final Map<Object, Host> hosts = new LinkedHashMap<>();
    private final Map<Ip, Host> byIp = new HashMap<>();
    private final Map<String, String> addressNames = new HashMap<>();
    private final Map<Conn.Key, Conn> conns = new HashMap<>();
    private long packets;

    /**
     * @param oui the MAC block registry (may be empty)
     * @param catalogue the models to guess from
     * @param router the router's WAN address (key from {@link Addresses#parseIp}) to list its connections as the
     *     WAN side; null to find the WAN side only in a capture without private addresses
     * @param minLifetimeNanos a connection lasting at least this long is long-lived
     */
    public DeviceCensus(OuiRegistry oui, DeviceCatalogue catalogue, long[] router, long minLifetimeNanos) {
        this.oui = oui;
        this.catalogue = catalogue;
        this.router = router == null ? null : router.clone();
        this.minLifetimeNanos = minLifetimeNanos;
    }

    /** Takes one decoded packet. */
    public void packet(DecodedPacket p) {
        packets++;
        if (p.ipVersion == 0) {
            if (p.wlan && p.wlanProtected && !p.wlanBadFcs && DeviceView.isDataWithPayload(p.wlanTypeSubtype)) {
                station(p);
            }
            return;
        }
        long t = p.record.timestampNanos;
        long srcHi = Addresses.keyHi(p.ipVersion, p.ipSrcHi);
        long srcLo = Addresses.keyLo(p.ipVersion, p.ipSrcLo);
        long dstHi = Addresses.keyHi(p.ipVersion, p.ipDstHi);
        long dstLo = Addresses.keyLo(p.ipVersion, p.ipDstLo);
        int wire = Math.max(p.ipLength, 0);
        ByteBuffer buf = p.record.data;
        int payload = p.payloadOffset >= 0 ? p.record.dataOffset + p.payloadOffset : -1;
        int payloadLength = p.payloadLength;

        Host from = Scope.local(srcHi, srcLo) ? host(srcHi, srcLo, Addresses.unicastMac(p.linkSrc) ? p.linkSrc : -1) : null;
        Host to = Scope.local(dstHi, dstLo) && !Scope.multicast(dstHi, dstLo)
                ? host(dstHi, dstLo, Addresses.unicastMac(p.linkDst) && from == null ? p.linkDst : -1) : null;
        if (from != null) {
            from.sent++;
            from.bytes += wire;
            from.seen(t);
        }
        if (to != null) {
            to.received++;
            to.bytes += wire;
            to.seen(t);
        }
        if (p.ipProto == 17 && payload >= 0) {
            udp(p, buf, payload, payloadLength, from, to);
        }
        if (p.ipProto == 6 && to != null && p.tcpFlags >= 0 && (p.tcpFlags & 0x12) == 0x02) {
            to.listens.merge(p.dstPort, 1, Integer::sum);
        }
        if ((p.ipProto == 6 || p.ipProto == 17) && p.srcPort >= 0 && !Scope.multicast(dstHi, dstLo)
                && !Scope.unspecified(srcHi, srcLo)) {
            Conn c = connection(p, srcHi, srcLo, dstHi, dstLo);
            if (c != null) {
                c.add(t, srcHi, srcLo, p.srcPort, wire);
                if (p.ipProto == 6 && payload >= 0 && c.serverName == null
                        && TlsClientHello.looksLikeHello(buf, payload, payloadLength)) {
                    String sni = TlsClientHello.serverName(buf, payload, payloadLength);
                    if (sni != null) {
                        c.serverName = sni;
                        addressNames.putIfAbsent(Addresses.formatIp(dstHi, dstLo), sni);
                        if (from != null) {
                            from.add(from.serverNames, sni);
                        }
                    }
                }
            }
        }
    }

    /**
     * A protected 802.11 data frame, whose packet is encrypted: only its station shows, the sender
     * of a frame to the access point or the receiver of one from it (unicast).
     */
    private void station(DecodedPacket p) {
        boolean toAp = p.wlanDs == 1;
        long mac = toAp ? p.linkSrc : p.wlanDs == 2 ? p.linkDst : -1;
        if (!Addresses.unicastMac(mac)) {
            return;
        }
        Host h = hosts.get(mac);
        if (h == null) {
            if (hosts.size() >= MAX_DEVICES) {
                return;
            }
            h = new Host(mac);
            hosts.put(mac, h);
        }
        if (toAp) {
            h.sent++;
        } else {
            h.received++;
        }
        h.bytes += Math.max(0, p.wlanBodyWireLength);
        h.seen(p.record.timestampNanos);
    }

    private void udp(DecodedPacket p, ByteBuffer buf, int payload, int length, Host from, Host to) {
        if ((p.srcPort == 68 || p.dstPort == 67) && (p.dstPort == 67 || p.dstPort == 68)) {
            DhcpMessage m = DhcpMessage.parse(buf, payload, length);
            if (m != null && m.clientMac() >= 0 && Addresses.unicastMac(m.clientMac())
                    && (m.messageType() == 1 || m.messageType() == 3 || m.messageType() == 8)) {
                Host h = hosts.get(m.clientMac());
                if (h == null && hosts.size() < MAX_DEVICES) {
                    h = new Host(m.clientMac());
                    hosts.put(m.clientMac(), h);
                }
                if (h != null) {
                    h.dhcp = m.hostName() != null || h.dhcp == null ? m : h.dhcp;
                    h.seen(p.record.timestampNanos);
                }
            }
        } else if (p.srcPort == 53) {
            DnsAnswerParser.walk(buf, payload, length, new DnsAnswerParser.Visitor() {
                String asked;

                @Override
                public void question(String name) {
                    asked = asked == null ? name : asked;
                    if (to != null) {
                        to.add(to.dnsNames, name);
                    }
                }

                @Override
                public void record(DnsAnswerParser.Reader m, int section, String owner, int type, int rdata, int rdLength) {
                    String name = asked == null ? owner : asked;
                    if (section == DnsAnswerParser.ANSWER && type == DnsAnswerParser.TYPE_A && rdLength == 4) {
                        addressNames.putIfAbsent(Addresses.formatIp(0, Addresses.v4Key(Integer.toUnsignedLong(
                                buf.getInt(rdata)))), name);
                    } else if (section == DnsAnswerParser.ANSWER && type == DnsAnswerParser.TYPE_AAAA && rdLength == 16) {
                        addressNames.putIfAbsent(Addresses.formatIp(buf.getLong(rdata), buf.getLong(rdata + 8)), name);
                    }
                }
            });
        } else if (p.srcPort == 5353 && from != null) {
            DnsAnswerParser.walk(buf, payload, length, new DnsAnswerParser.Visitor() {
                @Override
                public void question(String name) {}

                @Override
                public void record(DnsAnswerParser.Reader m, int section, String owner, int type, int rdata, int rdLength) {
                    if (type == DnsAnswerParser.TYPE_PTR && !owner.startsWith("_services.")
                            && !owner.endsWith(".arpa")) {
                        String target = m.name(rdata);
                        if (target != null) {
                            from.add(from.mdns, Text.printable(target));
                        }
                    } else if (type == DnsAnswerParser.TYPE_A || type == DnsAnswerParser.TYPE_AAAA
                            || type == DnsAnswerParser.TYPE_SRV) {
                        from.add(from.mdns, Text.printable(owner));
                    }
                }
            });
        } else if (p.srcPort == 1900 || p.dstPort == 1900) {
            if (from != null) {
                SsdpMessage m = SsdpMessage.parse(buf, payload, length);
                if (m != null) {
                    from.add(from.ssdp, (m.server() == null ? "" : m.server())
                            + (m.type() == null ? "" : (m.server() == null ? "" : " ") + "(" + m.type() + ")"));
                }
            }
        }
    }

    /** The host of a local address: by its MAC address when known, else by the address. */
    private Host host(long hi, long lo, long mac) {
        if (Scope.unspecified(hi, lo)) {
            return null;
        }
        Ip ip = new Ip(hi, lo);
        Host h = byIp.get(ip);
        if (h != null && (mac < 0 || h.mac == mac)) {
            return h;
        }
        Object key = mac >= 0 ? (Object) mac : ip;
        Host known = hosts.get(key);
        if (known == null) {
            if (hosts.size() >= MAX_DEVICES) {
                return h;
            }
            known = new Host(mac);
            hosts.put(key, known);
        }
        known.addresses.add(ip);
        if (h == null || mac >= 0) {
            byIp.put(ip, known);
        }
        return known;
    }

    private Conn connection(DecodedPacket p, long srcHi, long srcLo, long dstHi, long dstLo) {
        Conn.Key key = Conn.Key.of(p.ipProto, srcHi, srcLo, p.srcPort, dstHi, dstLo, p.dstPort);
        Conn c = conns.get(key);
        if (c == null) {
            if (conns.size() >= MAX_CONNECTIONS) {
                return null;
            }
            boolean initiator = p.ipProto != 6 || p.tcpFlags < 0 || (p.tcpFlags & 0x12) != 0x12;
            c = initiator ? new Conn(p.ipProto, srcHi, srcLo, p.srcPort, dstHi, dstLo, p.dstPort)
                    : new Conn(p.ipProto, dstHi, dstLo, p.dstPort, srcHi, srcLo, p.srcPort);
            conns.put(key, c);
        }
        return c;
    }

    // ---- results

    /**
     * What the capture holds.
     *
     * @param packets packets read
     * @param devices the LAN-side devices, busiest first
     * @param wanAddress the address taken as the home's side of the WAN (over IPv6, without NAT, its /64
     *     prefix: {@code PREFIX::/64}), or null when the capture is LAN-side
     * @param clouds on the WAN side, the clouds and their long-lived connections, busiest first
     */
    public record Result(long packets, List<Device> devices, String wanAddress, List<Cloud> clouds) {
        /**
         * The identity of the device {@code selector} selects, or null when the capture does not
         * show it: on the LAN side the device with that address or MAC address; on the WAN side the
         * connection on the router's port, or the cloud's names with the heartbeat of its busiest
         * connection.
         */
        public DeviceIdentity identityOf(DeviceSelector selector) {
            switch (selector.kind()) {
                case IP -> {
                    String ip = Addresses.formatIp(selector.ipHi(), selector.ipLo());
                    return devices.stream().filter(d -> d.addresses().contains(ip)).findFirst()
                            .map(DeviceIdentity::of).orElse(null);
                }
                case MAC -> {
                    String mac = Addresses.formatMac(selector.mac());
                    return devices.stream().filter(d -> mac.equals(d.mac())).findFirst().map(DeviceIdentity::of)
                            .orElse(null);
                }
                default -> {
                    List<Connection> all = clouds.stream().flatMap(c -> c.connections().stream()).toList();
                    if (selector.port() != -1) {
                        String local = selector.text().substring(4);
                        return all.stream().filter(c -> c.local().equals(local)).findFirst().map(DeviceIdentity::of)
                                .orElse(null);
                    }
                    Double beat = all.stream().filter(c -> c.name() != null && selector.cloudDomains().stream()
                            .anyMatch(d -> Names.under(c.name(), d))).max(Comparator.comparingLong(Connection::packets))
                            .map(Connection::heartbeatSeconds).orElse(null);
                    return selector.cloudDomains().isEmpty() ? null
                            : new DeviceIdentity(selector.cloudDomains(), List.of(), List.of(), beat);
                }
            }
        }
    }

    /**
     * One device found on the LAN side.
     *
     * @param mac its MAC address, or null when the link carries none
     * @param macOwner the owner of its MAC block in the IEEE registry, or null
     * @param addresses its IP addresses
     * @param sent packets it sent
     * @param packets packets it sent or received
     * @param listens TCP ports it accepted connections on (a SYN to it), with the number of SYNs
     * @param clouds registered domains of the remote hosts it talked to, with the names and packets
     * @param connections its long-lived connections
     * @param guess the model that best fits the evidence, or null
     */
    public record Device(String mac, String macOwner, List<String> addresses, long sent, long packets, long bytes,
            double firstSeconds, double lastSeconds, String dhcpHostName, String dhcpVendorClass,
            String dhcpParameters, List<String> mdns, List<String> ssdp, List<String> dnsNames,
            List<String> serverNames, Map<Integer, Integer> listens, List<CloudUse> clouds,
            List<Connection> connections, Guess guess) {}

    /** A cloud one device talked to: its registered domain (or an address), the names seen, packets. */
    public record CloudUse(String cloud, List<String> names, int addresses, long packets) {}

    /**
     * A model guessed from evidence.
     *
     * @param label the catalogue entry's label
     * @param vendor its maker
     * @param source where the entry comes from
     * @param evidence what matched, one phrase each
     */
    public record Guess(String label, String vendor, String source, List<String> evidence) {}

    /** On the WAN side, a cloud and its long-lived connections (each a candidate device). */
    public record Cloud(String cloud, List<String> names, List<Connection> connections) {}

    /**
     * One long-lived connection.
     *
     * @param protocol {@code tcp} or {@code udp}
     * @param local the home's side, {@code ADDRESS:PORT} ({@code [v6]:PORT})
     * @param remote the remote side
     * @param name the remote's name from the connection's SNI or a DNS answer, or null
     * @param heartbeatSeconds the median time between successive bursts of its most frequent shape (same packets
     *     and bytes: its heartbeat), or null with fewer than 3 such bursts
     * @param regularity the share of those times within 10 % of the median, or null
     * @param device a {@code --device} value that selects this connection on the WAN side ({@code wan:ADDRESS:PORT};
     *     it follows the reconnections)
     * @param guess on the WAN side, the model its remote's name fits, or null
     * @param reconnections on the WAN side, the connections the same device opened after this one closed, in
     *     order: each from a new port, to the same cloud and remote port, with the same heartbeat where both
     *     show one, beginning at most {@value #RECONNECT_GAP_SECONDS} s after the one before it ended
     */
    public record Connection(String protocol, String local, String remote, String name, double firstSeconds,
            double lastSeconds, long packets, long bytes, int bursts, Double heartbeatSeconds, Double regularity,
            String device, Guess guess, List<Connection> reconnections) {
        public Connection {
            reconnections = List.copyOf(reconnections);
        }

        /** Seconds between its first and last packet. */
        public double lifetimeSeconds() {
            return lastSeconds - firstSeconds;
        }

        Connection withGuess(Guess g) {
            return new Connection(protocol, local, remote, name, firstSeconds, lastSeconds, packets, bytes, bursts,
                    heartbeatSeconds, regularity, device, g, reconnections);
        }

        Connection withReconnections(List<Connection> later) {
            return new Connection(protocol, local, remote, name, firstSeconds, lastSeconds, packets, bytes, bursts,
                    heartbeatSeconds, regularity, device, guess, later);
        }
    }

    /** The longest pause between a connection's end and the device's next connection that joins them. */
    public static final long RECONNECT_GAP_SECONDS = 120;

    /** Ends the pass and puts the evidence together. */
    public Result finish() {
        List<Device> devices = new ArrayList<>();
        for (Host h : hosts.values()) {
            if (h.sent == 0 && h.dhcp == null) {
                continue; // only ever addressed (a scan, a stale ARP entry): nothing of its own
            }
            devices.add(device(h));
        }
        devices.sort(Comparator.comparingLong(Device::packets).reversed());
        long[] wan = router;
        Set<Ip> home = null;
        String label = null;
        if (wan == null && devices.stream().noneMatch(d -> d.packets() > 0 && !d.addresses().isEmpty())) {
            wan = busiestEndpoint();
            if (wan != null && !Addresses.isV4(wan[0], wan[1])) {
                long prefix = busiestInitiatorPrefix();
                home = initiatorsIn(prefix);
                label = Addresses.formatIp(prefix, 0) + "/64";
            }
        }
        if (home == null && wan != null) { // the given router, or the busiest IPv4 endpoint
            home = Set.of(new Ip(wan[0], wan[1]));
            label = home.iterator().next().toString();
        }
        List<Cloud> clouds = home == null ? List.of() : clouds(home);
        return new Result(packets, devices, label, clouds);
    }

    /**
     * The /64 of the address that opened the most connections: over IPv6 a home has no NAT, and
     * each device opens its connections from its own address in the home's prefix.
     */
    private long busiestInitiatorPrefix() {
        Map<Long, Integer> count = new HashMap<>();
        for (Conn c : conns.values()) {
            count.merge(c.hi[0], 1, Integer::sum);
        }
        return count.entrySet().stream().max(Map.Entry.<Long, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).orElse(0L);
    }

    /** The addresses in the /64 {@code prefix} that opened a connection. */
    private Set<Ip> initiatorsIn(long prefix) {
        Set<Ip> out = new HashSet<>();
        for (Conn c : conns.values()) {
            if (c.hi[0] == prefix && !Addresses.isV4(c.hi[0], c.lo[0])) {
                out.add(new Ip(c.hi[0], c.lo[0]));
            }
        }
        return out;
    }

    private Device device(Host h) {
        Set<String> addresses = new TreeSet<>();
        h.addresses.forEach(ip -> addresses.add(ip.toString()));
        String macText = h.mac >= 0 ? Addresses.formatMac(h.mac) : null;
        String owner = h.mac >= 0 ? oui.owner(h.mac) : null;
        if (owner == null && h.mac >= 0 && OuiRegistry.locallyAdministered(h.mac)) {
            owner = "(locally administered: a random or virtual address)";
        }
        Map<String, long[]> cloudPackets = new TreeMap<>();
        Map<String, Set<String>> cloudNames = new HashMap<>();
        Map<String, Set<String>> cloudAddresses = new HashMap<>();
        List<Connection> longLived = new ArrayList<>();
        for (Conn c : conns.values()) {
            int side = c.sideOf(h.addresses);
            if (side < 0) {
                continue;
            }
            long[] remote = c.endpoint(1 - side);
            if (Scope.local(remote[0], remote[1])) {
                continue;
            }
            String address = Addresses.formatIp(remote[0], remote[1]);
            String name = c.name(addressNames, side);
            String cloud = name == null ? address : Names.registered(name);
            cloudPackets.computeIfAbsent(cloud, k -> new long[1])[0] += c.packets;
            if (name != null) {
                cloudNames.computeIfAbsent(cloud, k -> new TreeSet<>()).add(name);
            }
            cloudAddresses.computeIfAbsent(cloud, k -> new TreeSet<>()).add(address);
            if (c.lifetime() >= minLifetimeNanos) {
                longLived.add(c.describe(side, name));
            }
        }
        List<CloudUse> clouds = new ArrayList<>();
        cloudPackets.forEach((cloud, n) -> clouds.add(new CloudUse(cloud,
                List.copyOf(cloudNames.getOrDefault(cloud, Set.of())), cloudAddresses.get(cloud).size(), n[0])));
        clouds.sort(Comparator.comparingLong(CloudUse::packets).reversed());
        longLived.sort(Comparator.comparingLong(Connection::packets).reversed());
        DhcpMessage d = h.dhcp;
        Device partial = new Device(macText, owner, List.copyOf(addresses), h.sent, h.sent + h.received, h.bytes,
                seconds(h.first), seconds(h.last), d == null ? null : d.hostName(), d == null ? null : d.vendorClass(),
                d == null ? null : d.parameterList(), List.copyOf(h.mdns), List.copyOf(h.ssdp),
                List.copyOf(h.dnsNames), List.copyOf(h.serverNames), new TreeMap<>(h.listens), clouds, longLived, null);
        return withGuess(partial, h.mac);
    }

    private Device withGuess(Device d, long mac) {
        List<String> names = new ArrayList<>(new TreeSet<>(concat(d.dnsNames(), d.serverNames())));
        for (CloudUse c : d.clouds()) {
            names.addAll(c.names());
        }
        Guess g = guess(names, mac, d.macOwner(), d.listens().keySet(), d);
        return new Device(d.mac(), d.macOwner(), d.addresses(), d.sent(), d.packets(), d.bytes(), d.firstSeconds(),
                d.lastSeconds(), d.dhcpHostName(), d.dhcpVendorClass(), d.dhcpParameters(), d.mdns(), d.ssdp(),
                d.dnsNames(), d.serverNames(), d.listens(), d.clouds(), d.connections(), g);
    }

    /**
     * The catalogue entry the evidence fits best: at least half of the specific names (not time
     * servers, reverse look-ups or local names) lie under its domains, or what the device announces
     * (DHCP host name or vendor class, mDNS, SSDP; from {@code announcer}, may be null) carries the
     * entry's announcements; ranked by the share of names, then by the announcements that agree
     * (more, then longer: the more specific entry), then by names matched exactly, then by the MAC
     * block and listening ports that agree.
     */
    Guess guess(List<String> allNames, long mac, String macOwner, Set<Integer> listens, Device announcer) {
        List<String> names = new ArrayList<>(new TreeSet<>(allNames));
        names.removeIf(Names::generic);
        String prefix = mac >= 0 ? String.format("%06X", mac >>> 24) : "";
        Guess best = null;
        double[] bestScore = null;
        for (DeviceCatalogue.Entry e : catalogue.entries()) {
            List<String> evidence = new ArrayList<>();
            int matched = 0;
            int exact = 0;
            Set<String> under = new TreeSet<>();
            for (String n : names) {
                String dom = e.domainOf(n);
                if (dom != null) {
                    matched++;
                    exact += dom.equals(n) ? 1 : 0;
                    under.add(n);
                }
            }
            List<DeviceCatalogue.Announced> announced = announcer == null ? List.of()
                    : e.announced(announcer.dhcpHostName(), announcer.dhcpVendorClass(), announcer.mdns(),
                    announcer.ssdp());
            double share = matched == 0 ? 0 : matched / (double) names.size();
            if (share < 0.5 && announced.isEmpty()) {
                continue;
            }
            if (share >= 0.5) {
                evidence.add("names " + String.join(", ", under) + " (" + matched + " of " + names.size()
                        + " names it used)");
            } else {
                share = 0;
            }
            announced.stream().map(DeviceCatalogue.Announced::evidence).distinct().forEach(evidence::add);
            int specific = announced.stream().mapToInt(a -> a.announcement().length()).sum();
            int extra = 0;
            if (mac >= 0 && e.ouiMatches(prefix, macOwner)) {
                evidence.add("MAC block " + prefix + (macOwner == null ? "" : " (" + macOwner + ")"));
                extra++;
            }
            for (int port : e.listenPorts()) {
                if (listens.contains(port)) {
                    evidence.add("accepts TCP connections on port " + port);
                    extra++;
                }
            }
            double[] score = {share, announced.size(), specific, exact, extra};
            if (bestScore == null || Arrays.compare(score, bestScore) > 0) {
                bestScore = score;
                best = new Guess(e.label(), e.vendor(), e.source(), evidence);
            }
        }
        return best;
    }

    private List<Cloud> clouds(Set<Ip> home) {
        Map<String, List<Connection>> byCloud = new TreeMap<>();
        Map<String, Set<String>> names = new HashMap<>();
        List<Mine> mine = new ArrayList<>();
        for (Conn c : conns.values()) {
            int side = c.sideOf(home);
            if (side >= 0) {
                mine.add(new Mine(c, side, c.name(addressNames, side)));
            }
        }
        mine.sort(Comparator.comparingLong((Mine m) -> m.c.first).thenComparing(m -> m.local));
        Map<Mine, Mine> next = reconnections(mine);
        Set<Mine> later = new HashSet<>(next.values());
        for (Mine m : mine) {
            if (later.contains(m)) {
                continue;
            }
            Mine end = m;
            while (next.containsKey(end)) {
                end = next.get(end);
            }
            if (end.c.last - m.c.first < minLifetimeNanos) {
                continue;
            }
            long[] remote = m.c.endpoint(1 - m.side);
            String cloud = m.name == null ? Addresses.formatIp(remote[0], remote[1]) : Names.registered(m.name);
            List<Connection> then = new ArrayList<>();
            for (Mine r = next.get(m); r != null; r = next.get(r)) {
                then.add(r.described());
            }
            byCloud.computeIfAbsent(cloud, k -> new ArrayList<>()).add(m.described()
                    .withGuess(guess(m.name == null ? List.of() : List.of(m.name), -1, null, Set.of(), null))
                    .withReconnections(then));
            if (m.name != null) {
                names.computeIfAbsent(cloud, k -> new TreeSet<>()).add(m.name);
            }
        }
        List<Cloud> out = new ArrayList<>();
        byCloud.forEach((cloud, list) -> {
            list.sort(Comparator.comparing(Connection::local));
            out.add(new Cloud(cloud, List.copyOf(names.getOrDefault(cloud, Set.of())), list));
        });
        out.sort(Comparator.comparingLong((Cloud c) -> c.connections().stream().mapToLong(Connection::packets).sum())
                .reversed());
        return out;
    }

    /** A connection of the home with its local side, remote name and description, each worked out once. */
    private static final class Mine {
        final Conn c;
        final int side;
        final String name;
        /** The local end as text: the order among connections that begin together. */
        final String local;
        boolean open;
        private Connection described;

        Mine(Conn c, int side, String name) {
            this.c = c;
            this.side = side;
            this.name = name;
            this.local = c.endpointText(side);
        }

        Connection described() {
            if (described == null) {
                described = c.describe(side, name);
            }
            return described;
        }
    }

    /**
     * Which connection of the home (in order of their first packets) continues which: a device
     * whose long-lived connection ends and that connects again from a new port, to the same cloud
     * (the same name, or the same address where neither has one) and remote port, within
     * {@link #RECONNECT_GAP_SECONDS} of the end, with the same heartbeat (within 15 %) where both
     * show one. Of several connections that could continue one, the first to begin does; each
     * continues at most one.
     */
    private Map<Mine, Mine> reconnections(List<Mine> mine) {
        Map<Mine, Mine> next = new HashMap<>();
        List<Mine> open = new ArrayList<>(); // long-lived or continuing one, not yet continued
        for (Mine m : mine) {
            if (m.c.lifetime() >= minLifetimeNanos) {
                open.add(m);
                m.open = true;
            }
        }
        for (Mine b : mine) {
            Mine best = null;
            for (Mine a : open) {
                if (a != b && (best == null || a.c.last > best.c.last) && continues(a, b)) {
                    best = a;
                }
            }
            if (best != null) {
                next.put(best, b);
                open.remove(best);
                best.open = false;
                if (!b.open) {
                    open.add(b);
                    b.open = true;
                }
            }
        }
        return next;
    }

    private static boolean continues(Mine a, Mine b) {
        int as = a.side;
        int bs = b.side;
        long gap = b.c.first - a.c.last;
        if (a.c.protocol != b.c.protocol || gap < 0 || gap > RECONNECT_GAP_SECONDS * 1_000_000_000L
                || a.c.port[1 - as] != b.c.port[1 - bs] || a.c.port[as] == b.c.port[bs]) {
            return false;
        }
        boolean sameCloud = a.name != null && b.name != null ? a.name.equals(b.name)
                : a.name == null && b.name == null && a.c.hi[1 - as] == b.c.hi[1 - bs] && a.c.lo[1 - as] == b.c.lo[1 - bs];
        if (!sameCloud) {
            return false;
        }
        Double pa = a.described().heartbeatSeconds();
        Double pb = b.described().heartbeatSeconds();
        return pa == null || pb == null || Math.abs(pa - pb) <= 0.15 * Math.max(pa, pb);
    }

    /**
     * The address that is one end of the most connections: the router's WAN address in a WAN-side
     * capture. Of several, the first in text order (only those are formatted).
     */
    private long[] busiestEndpoint() {
        Map<Ip, Integer> count = new HashMap<>();
        int most = 0;
        for (Conn c : conns.values()) {
            for (int side = 0; side < 2; side++) {
                most = Math.max(most, count.merge(new Ip(c.hi[side], c.lo[side]), 1, Integer::sum));
            }
        }
        Ip best = null;
        String bestText = null;
        for (Map.Entry<Ip, Integer> e : count.entrySet()) {
            if (e.getValue() == most) {
                String text = e.getKey().toString();
                if (bestText == null || text.compareTo(bestText) < 0) {
                    best = e.getKey();
                    bestText = text;
                }
            }
        }
        return best == null ? null : new long[] {best.hi(), best.lo()};
    }

    static double seconds(long nanos) {
        return nanos == Long.MAX_VALUE || nanos == Long.MIN_VALUE ? Double.NaN : nanos / 1e9;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** What is gathered about one LAN host. */
    private static final class Host {
        final long mac;
        final Set<Ip> addresses = new HashSet<>();
        long sent;
        long received;
        long bytes;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        DhcpMessage dhcp;
        final Set<String> mdns = new TreeSet<>();
        final Set<String> ssdp = new TreeSet<>();
        final Set<String> dnsNames = new TreeSet<>();
        final Set<String> serverNames = new TreeSet<>();
        final Map<Integer, Integer> listens = new TreeMap<>();

        Host(long mac) {
            this.mac = mac;
        }

        void seen(long t) {
            first = Math.min(first, t);
            last = Math.max(last, t);
        }

        void add(Set<String> set, String value) {
            if (value != null && set.size() < MAX_NAMES) {
                set.add(value);
            }
        }
    }

    /** One transport connection (or UDP flow), its two ends with the initiator first. */
    static final class Conn {
        record Key(int protocol, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
            /** The same key for both directions. */
            static Key of(int protocol, long sHi, long sLo, int sPort, long dHi, long dLo, int dPort) {
                boolean sFirst = sHi != dHi ? Long.compareUnsigned(sHi, dHi) < 0
                        : sLo != dLo ? Long.compareUnsigned(sLo, dLo) < 0 : sPort <= dPort;
                return sFirst ? new Key(protocol, sHi, sLo, sPort, dHi, dLo, dPort)
                        : new Key(protocol, dHi, dLo, dPort, sHi, sLo, sPort);
            }
        }

        final int protocol;
        final long[] hi = new long[2];
        final long[] lo = new long[2];
        final int[] port = new int[2];
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long packets;
        long bytes;
        String serverName;
        long lastPacket = Long.MIN_VALUE;
        int bursts;
        /** Start time and shape (packets, bytes) of each burst, the first {@value #MAX_BURSTS}. */
        long[] burstStarts = new long[16];
        long[] burstShapes = new long[16];
        int burstPackets;
        long burstBytes;

        Conn(int protocol, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
            this.protocol = protocol;
            hi[0] = aHi;
            lo[0] = aLo;
            port[0] = aPort;
            hi[1] = bHi;
            lo[1] = bLo;
            port[1] = bPort;
        }

        void add(long t, long srcHi, long srcLo, int srcPort, int wire) {
            packets++;
            bytes += wire;
            first = Math.min(first, t);
            last = Math.max(last, t);
            if (lastPacket == Long.MIN_VALUE || t - lastPacket > BURST_GAP_NANOS) {
                closeBurst();
                if (bursts < MAX_BURSTS) {
                    if (bursts == burstStarts.length) {
                        burstStarts = Arrays.copyOf(burstStarts, bursts * 2);
                        burstShapes = Arrays.copyOf(burstShapes, bursts * 2);
                    }
                    burstStarts[bursts] = t;
                }
                bursts++;
                burstPackets = 0;
                burstBytes = 0;
            }
            burstPackets++;
            burstBytes += wire;
            lastPacket = Math.max(lastPacket, t);
        }

        private void closeBurst() {
            if (bursts > 0 && bursts <= MAX_BURSTS) {
                burstShapes[bursts - 1] = (long) burstPackets << 40 | burstBytes;
            }
        }

        long lifetime() {
            return last - first;
        }

        long[] endpoint(int side) {
            return new long[] {hi[side], lo[side]};
        }

        /** 0 or 1 when that end's address is one of {@code addresses}, else -1. */
        int sideOf(Set<Ip> addresses) {
            for (int side = 0; side < 2; side++) {
                if (addresses.contains(new Ip(hi[side], lo[side]))) {
                    return side;
                }
            }
            return -1;
        }

        /** The remote end's name: the connection's SNI, else a DNS answer's name for its address. */
        String name(Map<String, String> addressNames, int localSide) {
            if (serverName != null) {
                return serverName;
            }
            return addressNames.get(Addresses.formatIp(hi[1 - localSide], lo[1 - localSide]));
        }

        Connection describe(int localSide, String name) {
            closeBurst();
            Double period = null;
            Double regular = null;
            long[] gaps = heartbeatGaps();
            if (gaps.length >= 2) {
                long[] sorted = gaps.clone();
                Arrays.sort(sorted);
                long median = sorted[gaps.length / 2];
                period = median / 1e9;
                int near = 0;
                for (long g : gaps) {
                    near += Math.abs(g - median) <= median / 10 ? 1 : 0;
                }
                regular = near / (double) gaps.length;
            }
            String local = endpointText(localSide);
            return new Connection(protocol == 6 ? "tcp" : "udp", local, endpointText(1 - localSide), name,
                    seconds(first), seconds(last), packets, bytes, bursts, period, regular,
                    "wan:" + local, null, List.of());
        }

        /**
         * The times between successive bursts of the connection's most frequent shape (same
         * packets and bytes): its heartbeat, which events and reports in between do not disturb.
         */
        private long[] heartbeatGaps() {
            int n = Math.min(bursts, MAX_BURSTS);
            Map<Long, Integer> counts = new HashMap<>();
            long shape = 0;
            int most = 0;
            for (int i = 0; i < n; i++) {
                int c = counts.merge(burstShapes[i], 1, Integer::sum);
                if (c > most) {
                    most = c;
                    shape = burstShapes[i];
                }
            }
            long[] gaps = new long[Math.max(0, most - 1)];
            long previous = -1;
            int g = 0;
            for (int i = 0; i < n; i++) {
                if (burstShapes[i] == shape) {
                    if (previous >= 0) {
                        gaps[g++] = burstStarts[i] - previous;
                    }
                    previous = burstStarts[i];
                }
            }
            return gaps;
        }

        private String endpointText(int side) {
            String a = Addresses.formatIp(hi[side], lo[side]);
            return (a.indexOf(':') >= 0 ? "[" + a + "]" : a) + ":" + port[side];
        }
    }
}
