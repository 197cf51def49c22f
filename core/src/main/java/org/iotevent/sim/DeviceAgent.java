package org.iotevent.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.iotevent.sim.DeviceModel.Event;
import org.iotevent.sim.DeviceModel.Message;
import org.iotevent.sim.DeviceModel.Sender;

/**
 * One device of a simulated session: runs the episodes its {@link EpisodeSchedule} plans
 * (connect, heartbeats, other own traffic, DNS look-ups, triggered events) as packets, and keeps
 * its connection state.
 */
final class DeviceAgent {
    private static final long MS = 1_000_000L;
    private static final int MSS = 1460;
    private static final int UDP_MAX = 1472;

    final int index;
    final Home.Device device;
    final DeviceModel model;
    final long mac;
    final int address;
    final int[] domainAddresses;
    private final SplittableRandom rng;
    private final Payloads payloads;
    private final SimulationOptions options;
    private final List<EventRecord> eventLog;
    private final EpisodeSchedule schedule;
    private final int miioDeviceId;
    private final int dnsServer;

    private boolean connected;
    private boolean announced;
    private int devicePort;
    private final Stream up = new Stream();
    private final Stream down = new Stream();
    private int ipId;

    /** Sequence-number state of one direction of the TCP connection. */
    private static final class Stream {
        long next;
        long hole = -1;

        long ackValue() {
            return hole >= 0 ? hole : next;
        }
    }

    DeviceAgent(int index, Home.Device device, long homeSalt, int[] domainAddresses, int dnsServer,
            SimulationOptions options, Payloads payloads, List<EventRecord> eventLog) {
        this.index = index;
        this.dnsServer = dnsServer;
        this.device = device;
        this.model = device.model();
        this.domainAddresses = domainAddresses.clone();
        this.options = options;
        this.payloads = payloads;
        this.eventLog = eventLog;
        this.rng = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (index + 1));
        this.mac = macOf(device, index, homeSalt);
        this.address = Home.deviceAddress(index);
        this.miioDeviceId = rng.nextInt(0x0100_0000, 0x2000_0000);
        this.schedule = new EpisodeSchedule(model, options, rng);
    }

    /** The MAC address of device {@code index} of a home: the model's OUI and three bytes from the name. */
    static long macOf(Home.Device device, int index) {
        return macOf(device, index, 0);
    }

    /** As {@link #macOf(Home.Device, int)} in the home of {@link Home#salt()} {@code homeSalt}. */
    static long macOf(Home.Device device, int index, long homeSalt) {
        byte[] oui = device.model().oui();
        long nic = (device.name().hashCode() * 0x9E3779B1L ^ index * 0x85EBCA6BL ^ homeSalt) & 0xffffffL;
        return (oui[0] & 0xffL) << 40 | (oui[1] & 0xffL) << 32 | (oui[2] & 0xffL) << 24 | nic;
    }

    /** Start time of the next episode, or {@code Long.MAX_VALUE} when the session is over for this device. */
    long nextStart() {
        return schedule.nextStart();
    }

    /** Runs the planned episode, appending its packets (time-ordered) to {@code out}, and plans the next one. */
    void runEpisode(List<Packet> out) {
        List<Packet> episode = new ArrayList<>();
        long start = schedule.plannedStart();
        EpisodeSchedule.Episode planned = schedule.planned();
        if (planned instanceof EpisodeSchedule.Background b) {
            exchange(start, model.background().get(b.index()).messages(), -1, episode);
            schedule.backgroundDone(b.index(), start);
        } else {
            switch ((EpisodeSchedule.Kind) planned) {
                case CONNECT -> connect(start, episode);
                case EVENT -> event(start, episode);
                case HEARTBEAT -> {
                    exchange(start, model.heartbeat().messages(), -1, episode);
                    schedule.heartbeatDone(start);
                }
                case DNS -> lookUp(start, episode);
                case CLOSE -> close(start, episode);
            }
        }
        assignNumbers(episode, out);
        schedule.plan();
    }

    private void event(long start, List<Packet> episode) {
        long triggered = schedule.triggerNanos();
        Event e = schedule.takeEvent();
        EventRecord record = new EventRecord(eventLog.size(), index, device.name(), e.name(), e.privacy(), triggered);
        eventLog.add(record);
        exchange(start, e.messages(), record.id(), episode);
        injectNoise(episode, record.id());
    }

    // ---- episodes

    private void connect(long start, List<Packet> episode) {
        long joined = !announced && model.announce() != null ? announce(start, episode) : start;
        announced = true;
        long t = lookUp(joined, episode) + 2 * MS;
        if (model.protocol().tcp()) {
            devicePort = rng.nextInt(49_152, 65_536);
            up.next = rng.nextLong() & 0xffffffffL;
            down.next = rng.nextLong() & 0xffffffffL;
            up.hole = -1;
            down.hole = -1;
            Packet syn = cloudPacket(t, true, Packet.SYN);
            long synAck = t + 2 * oneWay(Sender.CLOUD);
            Packet synAckPacket = cloudPacket(synAck, false, Packet.SYN | Packet.ACK);
            long ack = synAck + 2 * oneWay(Sender.DEVICE);
            episode.add(syn);
            episode.add(synAckPacket);
            episode.add(cloudPacket(ack, true, Packet.ACK));
            t = ack + 200_000;
            if (model.protocol().tls()) {
                int overhead = model.framing().tlsRecordOverhead();
                byte[] hello = payloads.clientHello(model.domains().get(0), rng);
                t = sendMessage(t, Sender.DEVICE, hello, -1, episode);
                t += 2 * oneWay(Sender.CLOUD) + 5 * MS;
                t = sendMessage(t, Sender.CLOUD, payloads.serverFlight(hello, 2_400 + rng.nextInt(1_600), overhead,
                        rng), -1, episode);
                t += 2 * oneWay(Sender.DEVICE) + 30 * MS;
                t = sendMessage(t, Sender.DEVICE, payloads.clientFinished(overhead, rng), -1, episode);
            }
        } else {
            devicePort = rng.nextInt(49_152, 65_536);
            episode.add(cloudPacket(t, true, 0).payload(Payloads.miioHello(), 0, 32));
            Packet reply = cloudPacket(t + 2 * oneWay(Sender.CLOUD), false, 0);
            byte[] hello = Payloads.miioHello();
            java.util.Arrays.fill(hello, 4, 32, (byte) 0);
            reply.payload(hello, 0, 32);
            episode.add(reply);
            t = reply.timeNanos;
        }
        if (!model.connect().isEmpty()) {
            exchange(t + 20 * MS, model.connect(), -1, episode);
        }
        connected = true;
        schedule.connected(start, episode.get(episode.size() - 1).timeNanos);
    }

    /**
     * What the device says of itself when it joins the LAN ({@link DeviceModel.Announce}): a DHCP
     * exchange with the router, an mDNS announcement, an SSDP NOTIFY. Returns the time after them.
     */
    private long announce(long start, List<Packet> episode) {
        DeviceModel.Announce a = model.announce();
        String host = a.hostName(miioDeviceId, mac);
        long t = start;
        if (host != null) {
            int xid = rng.nextInt();
            int router = Home.ROUTER_LAN_ADDRESS;
            for (int type : new int[] {1, 2, 3, 5}) {
                boolean request = type == 1 || type == 3;
                byte[] dhcp = request ? Payloads.dhcp(type, xid, mac, host, a.dhcpVendorClass(), address, router)
                        : Payloads.dhcp(type, xid, mac, null, null, address, router);
                Packet p = new Packet(t, index, request, Packet.UDP, request ? -1 : router, 68, 67)
                        .payload(dhcp, 0, dhcp.length);
                p.lanOnly = true;
                p.unspecifiedSource = request;
                episode.add(p);
                t += (long) ((1 + rng.nextDouble() * 3) * MS);
            }
        }
        String name = host == null ? device.name() : host;
        if (!a.mdnsServices().isEmpty()) {
            byte[] m = Payloads.mdnsAnnouncement(name, a.mdnsServices(), address);
            Packet p = new Packet(t, index, true, Packet.UDP, 0xe00000fb, 5353, 5353).payload(m, 0, m.length);
            p.lanOnly = true;
            episode.add(p);
            t += (long) ((1 + rng.nextDouble() * 3) * MS);
        }
        if (a.ssdpServer() != null) {
            byte[] s = Payloads.ssdpNotify(a.ssdpServer(), a.ssdpType() == null ? "upnp:rootdevice" : a.ssdpType(),
                    address, mac);
            Packet p = new Packet(t, index, true, Packet.UDP, 0xeffffffa, 1900, 1900).payload(s, 0, s.length);
            p.lanOnly = true;
            episode.add(p);
            t += (long) ((1 + rng.nextDouble() * 3) * MS);
        }
        return t;
    }

    /**
     * Closes the cloud connection from {@code start}: over TCP the device's FIN, the cloud's FIN
     * and the last ACK (RFC 9293); a UDP flow just ends. The next episode connects again.
     */
    private void close(long start, List<Packet> episode) {
        if (model.protocol().tcp()) {
            episode.add(cloudPacket(start, true, Packet.FIN | Packet.ACK));
            long fin = start + 2 * oneWay(Sender.CLOUD);
            episode.add(cloudPacket(fin, false, Packet.FIN | Packet.ACK));
            episode.add(cloudPacket(fin + 2 * oneWay(Sender.DEVICE), true, Packet.ACK));
        }
        connected = false;
        schedule.closed(episode.isEmpty() ? start : episode.get(episode.size() - 1).timeNanos);
    }

    /** DNS look-ups of every cloud domain from {@code start}; returns the time of the last answer. */
    private long lookUp(long start, List<Packet> episode) {
        long t = start;
        for (int i = 0; i < model.domains().size(); i++) {
            int id = rng.nextInt(65_536);
            int port = rng.nextInt(1_024, 65_536);
            byte[] query = Payloads.dnsQuery(id, model.domains().get(i));
            byte[] answer = Payloads.dnsAnswer(query, model.timing().dnsTtlS(), domainAddresses[i]);
            Packet q = new Packet(t, index, true, Packet.UDP, dnsServer, port, 53).payload(query, 0, query.length);
            t += 2 * oneWay(Sender.DEVICE) + (long) ((8 + rng.nextDouble() * 25) * MS);
            Packet a = new Packet(t, index, false, Packet.UDP, dnsServer, port, 53).payload(answer, 0, answer.length);
            episode.add(q);
            episode.add(a);
            t += (long) ((1 + rng.nextDouble() * 4) * MS);
        }
        if (connected) {
            schedule.lookedUp(start);
        }
        return t;
    }

    /**
     * Expands an exchange of messages into packets from {@code start}: the sender's think time,
     * one-way delays, MSS segmentation, delayed and piggybacked ACKs, losses and retransmissions.
     */
    private void exchange(long start, List<Message> messages, int eventId, List<Packet> episode) {
        int first = episode.size();
        long last = start;
        Sender previous = null;
        boolean tcp = model.protocol().tcp();
        // delayed ACK each side owes, by Sender ordinal; -1 for none
        long[] pendingAck = {-1, -1};
        for (Message m : messages) {
            long send;
            long delay = (long) (m.delayMs() * MS * (0.9 + 0.2 * rng.nextDouble()));
            if (previous == null) {
                send = start + delay;
            } else if (m.sender() == previous) {
                send = last + delay + 100_000;
            } else {
                send = last + 2 * oneWay(m.sender()) + delay;
            }
            long owed = pendingAck[m.sender().ordinal()];
            if (owed >= 0 && owed < send) {
                episode.add(cloudPacket(owed, m.sender() == Sender.DEVICE, Packet.ACK));
            }
            pendingAck[m.sender().ordinal()] = -1;
            last = sendMessage(send, m.sender(), frame(m), eventId, episode);
            previous = m.sender();
            Sender receiver = other(previous);
            if (tcp && pendingAck[receiver.ordinal()] < 0) {
                pendingAck[receiver.ordinal()] = last + 2 * oneWay(receiver) + ackDelay(receiver);
            }
        }
        for (Sender side : Sender.values()) {
            if (pendingAck[side.ordinal()] >= 0) {
                episode.add(cloudPacket(pendingAck[side.ordinal()], side == Sender.DEVICE, Packet.ACK));
            }
        }
        for (int i = first; i < episode.size(); i++) {
            episode.get(i).event = eventId;
        }
    }

    /** Sends one message's bytes in segments from {@code send}; returns the time of its last segment. */
    private long sendMessage(long send, Sender sender, byte[] content, int eventId, List<Packet> episode) {
        boolean fromDevice = sender == Sender.DEVICE;
        boolean tcp = model.protocol().tcp();
        int segment = tcp ? MSS : UDP_MAX;
        long t = send;
        int sent = 0;
        int count = 0;
        do {
            int n = Math.min(segment, content.length - sent);
            if (count > 0) {
                t += 50_000 + (long) (n * 270 * (0.8 + 0.4 * rng.nextDouble()));
            }
            Packet p = cloudPacket(t, fromDevice, tcp ? Packet.ACK | (sent + n == content.length ? Packet.PSH : 0) : 0);
            p.payload(content, sent, n);
            p.event = eventId;
            t = addMaybeLost(p, episode);
            sent += n;
            count++;
            if (tcp && count % 2 == 0 && sent < content.length) {
                episode.add(cloudPacket(t + 2 * oneWay(other(sender)), !fromDevice, Packet.ACK));
            }
        } while (sent < content.length);
        return t;
    }

    /** Adds a data packet; when it is lost beyond the router, also its retransmission. Returns the time it got through. */
    private long addMaybeLost(Packet p, List<Packet> episode) {
        if (rng.nextDouble() >= model.timing().lossRate()) {
            episode.add(p);
            return p.timeNanos;
        }
        long retry = model.protocol().tcp()
                ? Math.max(200 * MS, (long) (3 * model.timing().rttMs() * MS)) + (long) (rng.nextDouble() * 50 * MS)
                : 1_000 * MS + (long) (rng.nextDouble() * 100 * MS);
        Packet copy = p.copyAt(p.timeNanos + retry);
        p.lost = true;
        episode.add(p);
        episode.add(copy);
        return copy.timeNanos;
    }

    /** Adds unrelated packets of this device at random times inside the event's exchange. */
    private void injectNoise(List<Packet> episode, int eventId) {
        double f = options.noiseFraction();
        if (f == 0 || episode.isEmpty()) {
            return;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Packet p : episode) {
            first = Math.min(first, p.timeNanos);
            last = Math.max(last, p.timeNanos);
        }
        double expected = episode.size() * f / (1 - f);
        int k = (int) expected + (rng.nextDouble() < expected - (int) expected ? 1 : 0);
        for (int i = 0; i < k; i++) {
            long t = first + (long) (rng.nextDouble() * Math.max(1, last - first));
            boolean fromDevice = rng.nextBoolean();
            byte[] content = switch (model.protocol()) {
                case TLS, MQTT_TLS -> payloads.tlsRecords(20 + rng.nextInt(140), model.framing().tlsRecordOverhead(),
                        rng);
                case UDP_AES, TCP -> payloads.blockFramed(20 + rng.nextInt(100), model.framing(), rng, miioDeviceId,
                        uptimeS(t));
            };
            Packet p = cloudPacket(t, fromDevice, model.protocol().tcp() ? Packet.ACK | Packet.PSH : 0);
            p.payload(content, 0, content.length);
            p.event = eventId;
            p.unrelated = true;
            episode.add(p);
        }
    }

    private long uptimeS(long t) {
        return (t - options.startNanos()) / 1_000_000_000L + 86_400L * (1 + (miioDeviceId & 7));
    }

    /** The transport payload of one message: application bytes with jitter, framed by the protocol. */
    private byte[] frame(Message m) {
        int bytes = m.bytes() + (m.jitter() == 0 ? 0 : rng.nextInt(-m.jitter(), m.jitter() + 1));
        DeviceModel.Framing framing = model.framing();
        return switch (model.protocol()) {
            case TLS -> payloads.tlsRecords(bytes, framing.tlsRecordOverhead(), rng);
            case MQTT_TLS -> payloads.tlsRecords(Payloads.mqttLength(m.mqtt(), bytes, framing.mqttTopicBytes()),
                    framing.tlsRecordOverhead(), rng);
            case UDP_AES -> bytes == 0 ? Payloads.miioHello()
                    : payloads.blockFramed(bytes, framing, rng, miioDeviceId, uptimeS(options.startNanos()));
            case TCP -> payloads.blockFramed(bytes, framing, rng, miioDeviceId, 0);
        };
    }

    private Packet cloudPacket(long t, boolean fromDevice, int flags) {
        Packet p = new Packet(t, index, fromDevice, model.protocol().tcp() ? Packet.TCP : Packet.UDP,
                domainAddresses[0], devicePort, model.port());
        p.tcpFlags = flags;
        return p;
    }

    private long oneWay(Sender side) {
        DeviceModel.Timing timing = model.timing();
        double ms = side == Sender.DEVICE
                ? timing.wifiMs() * (0.7 + 0.6 * rng.nextDouble())
                : timing.rttMs() / 2 + (rng.nextDouble() - 0.5) * timing.rttJitterMs();
        return Math.max(50_000, (long) (ms * MS));
    }

    private long ackDelay(Sender side) {
        double ms = side == Sender.DEVICE ? model.timing().deviceAckDelayMs() : model.timing().cloudAckDelayMs();
        return (long) (ms * MS * (0.8 + 0.4 * rng.nextDouble()));
    }

    private static Sender other(Sender s) {
        return s == Sender.DEVICE ? Sender.CLOUD : Sender.DEVICE;
    }

    /**
     * Sorts the episode by time and numbers it in that order: TCP sequence and acknowledgement
     * numbers (a lost segment leaves a hole that its retransmission fills), IP identifiers. Lost
     * cloud segments never reach the router, so they get numbers but are not emitted.
     */
    private void assignNumbers(List<Packet> episode, List<Packet> out) {
        episode.sort((a, b) -> Long.compare(a.timeNanos, b.timeNanos));
        for (Packet p : episode) {
            if (p.protocol == Packet.TCP && p.remotePort == model.port()) {
                Stream mine = p.fromDevice ? up : down;
                Stream theirs = p.fromDevice ? down : up;
                if (p.original != null) {
                    p.seq = p.original.seq;
                    if (mine.hole == p.original.seq) {
                        mine.hole = -1;
                    }
                } else {
                    p.seq = mine.next & 0xffffffffL;
                    if (p.lost && mine.hole < 0) {
                        mine.hole = mine.next;
                    }
                    mine.next = (mine.next + p.length + ((p.tcpFlags & (Packet.SYN | Packet.FIN)) != 0 ? 1 : 0))
                            & 0xffffffffL;
                }
                p.ack = (p.tcpFlags & Packet.ACK) != 0 ? theirs.ackValue() : 0;
            }
            p.ipId = p.fromDevice ? ipId++ & 0xffff : rng.nextInt(65_536);
            if (!(p.lost && !p.fromDevice)) {
                out.add(p);
            }
            schedule.busy(p.timeNanos);
        }
    }
}
