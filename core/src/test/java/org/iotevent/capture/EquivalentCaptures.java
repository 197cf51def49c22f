package org.iotevent.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Writes the generated captures of the test set (src/test/resources/captures/gen-*): stand-ins,
 * made with the project's own {@link PcapWriter}, for public captures whose licence does not
 * allow shipping them here (GPL: aircrack-ng, pypacker; no licence: PingPong). Each exercises
 * what the capture it replaces did (see SOURCES.tsv). The bytes are a function of the code
 * alone, so {@code EquivalentCapturesTest} checks that the committed files are what this writes;
 * {@code make_oracles.sh} gives them their tshark oracles.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes org.iotevent.capture.EquivalentCaptures DIR}.
 */
public final class EquivalentCaptures {
    private static final long START = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
    private static final byte[] AP = mac(0x02, 0x1a, 0x11, 0x00, 0x00, 0x01);
    private static final byte[] AP2 = mac(0x02, 0x1a, 0x11, 0x00, 0x00, 0x02);
    private static final byte[] PLUG = mac(0x02, 0x50, 0xc7, 0x00, 0x00, 0x09);
    private static final byte[] PHONE = mac(0x02, 0x3c, 0x22, 0x00, 0x00, 0x60);
    private static final byte[] ROUTER = mac(0x02, 0x14, 0xcc, 0x00, 0x00, 0x01);
    private static final byte[] BROADCAST = mac(0xff, 0xff, 0xff, 0xff, 0xff, 0xff);

    private EquivalentCaptures() {}

    /** The generated files, by name, in the order they are written. */
    public static List<String> names() {
        return List.of("gen-80211-wds-qos-ccmp.pcap", "gen-80211-wep.pcap", "gen-80211-wep-headerless.cap",
                "gen-80211-tkip-eapol.pcap", "gen-prism-protected.pcap", "gen-radiotap-protected.pcap",
                "gen-iot-plug-tls.pcap", "gen-home-router-dns-tls.pcap");
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: EquivalentCaptures DIR");
            System.exit(2);
        }
        writeAll(Path.of(args[0]));
    }

    /** Writes every generated capture into {@code dir}. */
    public static void writeAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        byte[] wep = wep();
        Files.write(dir.resolve("gen-80211-wds-qos-ccmp.pcap"), wds());
        Files.write(dir.resolve("gen-80211-wep.pcap"), wep);
        // A piece split off a capture: starts inside a record's data, no file header.
        Files.write(dir.resolve("gen-80211-wep-headerless.cap"), Arrays.copyOfRange(wep, 24 + 16 + 30, wep.length / 2));
        Files.write(dir.resolve("gen-80211-tkip-eapol.pcap"), tkip());
        Files.write(dir.resolve("gen-prism-protected.pcap"), prism());
        Files.write(dir.resolve("gen-radiotap-protected.pcap"), radiotap());
        Files.write(dir.resolve("gen-iot-plug-tls.pcap"), plug());
        Files.write(dir.resolve("gen-home-router-dns-tls.pcap"), home());
    }

    // ---- 802.11 captures -------------------------------------------------------------------

    /** WDS bridge: 4-address CCMP-protected QoS data, beacons, RTS/CTS/ACK, null frames (replaces aircrack-ng capture_wds-01). */
    static byte[] wds() throws IOException {
        Random rnd = new Random(1);
        Capture c = new Capture(LinkType.IEEE802_11);
        byte[] staA = mac(0x02, 0, 0, 0, 0xa0, 0x01);
        byte[] staB = mac(0x02, 0, 0, 0, 0xb0, 0x01);
        int seq = 0;
        for (int i = 0; i < 20; i++) {
            c.add(beacon(i % 2 == 0 ? AP : AP2, "wds-bridge", Cipher.CCMP, seq++), 102_400_000L);
            for (int j = 0; j < 4; j++) {
                c.add(rts(AP2, AP), 200_000);
                c.add(cts(AP), 30_000);
                // AP -> AP2 carrying staA -> staB, 4 addresses (ToDS and FromDS)
                c.add(data(3, true, AP2, AP, staB, staA, seq++, protect(Cipher.CCMP, llcIpv4Udp(rnd, 40 + rnd.nextInt(900)), rnd, seq)), 40_000);
                c.add(ack(AP), 20_000);
            }
            c.add(nullFrame(AP, staA, seq++), 50_000);
            c.add(data(3, true, AP, AP2, staA, staB, seq++, llc(0x0800, ipv4Udp(rnd, 10, 0, 0, 2, 10, 0, 0, 1, 5353, 5353, 60))), 60_000);
        }
        return c.bytes();
    }

    /** WEP-protected data between a station and its AP, with beacons and ARP-sized frames (replaces aircrack-ng wep_64_ptw_01). */
    static byte[] wep() throws IOException {
        Random rnd = new Random(2);
        Capture c = new Capture(LinkType.IEEE802_11);
        byte[] sta = mac(0x02, 0, 0, 0, 0xc0, 0x05);
        int seq = 0;
        for (int i = 0; i < 600; i++) {
            if (i % 50 == 0) {
                c.add(beacon(AP, "wep-net", Cipher.WEP, seq++), 1_000_000);
            }
            boolean toAp = rnd.nextBoolean();
            Sealed body = protect(Cipher.WEP, llc(0x0806, new byte[28]), rnd, i);
            c.add(toAp ? data(1, false, AP, sta, BROADCAST, null, seq++, body) : data(2, false, BROADCAST, AP, sta, null, seq++, body), 2_000_000);
            if (i % 10 == 0) {
                c.add(data(2, false, sta, AP, AP, null, seq++, protect(Cipher.WEP, llcIpv4Udp(rnd, 100 + rnd.nextInt(1200)), rnd, i)), 500_000);
                c.add(ack(AP), 10_000);
            }
        }
        return c.bytes();
    }

    /** WPA/TKIP: a 4-way EAPOL handshake in the clear, then TKIP-protected data (replaces aircrack-ng wpa-psk-linksys). */
    static byte[] tkip() throws IOException {
        Random rnd = new Random(3);
        Capture c = new Capture(LinkType.IEEE802_11);
        byte[] sta = mac(0x02, 0, 0, 0, 0xd0, 0x07);
        int seq = 0;
        c.add(beacon(AP, "linksys-tkip", Cipher.TKIP, seq++), 0);
        c.add(management(0x4, BROADCAST, sta, BROADCAST, seq++, ies("linksys-tkip", Cipher.NONE)), 5_000_000); // probe request
        c.add(management(0x5, sta, AP, AP, seq++, beaconBody("linksys-tkip", Cipher.TKIP)), 1_000_000); // probe response
        c.add(ack(AP), 10_000);
        c.add(management(0xb, AP, sta, AP, seq++, new byte[] {0, 0, 1, 0, 0, 0}), 2_000_000); // authentication
        c.add(management(0xb, sta, AP, AP, seq++, new byte[] {0, 0, 2, 0, 0, 0}), 1_000_000);
        for (int m = 1; m <= 4; m++) {
            boolean fromAp = m % 2 == 1;
            byte[] eapol = eapolKey(rnd, m);
            c.add(fromAp ? data(2, false, sta, AP, AP, null, seq++, llc(0x888e, eapol))
                    : data(1, false, AP, sta, AP, null, seq++, llc(0x888e, eapol)), 3_000_000);
            c.add(ack(fromAp ? AP : sta), 10_000);
        }
        for (int i = 0; i < 80; i++) {
            Sealed body = protect(Cipher.TKIP, llcIpv4Udp(rnd, 60 + rnd.nextInt(1000)), rnd, i + 1);
            c.add(i % 2 == 0 ? data(1, false, AP, sta, ROUTER, null, seq++, body) : data(2, false, sta, AP, ROUTER, null, seq++, body), 20_000_000);
            c.add(ack(i % 2 == 0 ? sta : AP), 10_000);
            if (i % 10 == 0) {
                c.add(beacon(AP, "linksys-tkip", Cipher.TKIP, seq++), 1_000_000);
            }
        }
        return c.bytes();
    }

    /** Prism (AVS wlan-ng) headers over management, control and protected data frames (replaces pypacker packets_prism). */
    static byte[] prism() throws IOException {
        Random rnd = new Random(4);
        Capture c = new Capture(LinkType.IEEE802_11_PRISM);
        byte[] sta = mac(0x02, 0, 0, 0, 0xe0, 0x02);
        int seq = 0;
        for (int i = 0; i < 40; i++) {
            byte[] frame = switch (i % 5) {
                case 0 -> beacon(AP, "prism-net", Cipher.CCMP, seq++);
                case 1 -> data(1, false, AP, sta, ROUTER, null, seq++, protect(Cipher.CCMP, llcIpv4Udp(rnd, 80 + rnd.nextInt(600)), rnd, i));
                case 2 -> ack(sta);
                case 3 -> data(2, false, sta, AP, ROUTER, null, seq++, llc(0x0800, ipv4Udp(rnd, 192, 168, 1, 1, 192, 168, 1, 20, 53, 40000 + i, 40)));
                default -> management(0x4, BROADCAST, sta, BROADCAST, seq++, ies("prism-net", Cipher.NONE));
            };
            c.add(cat(prismHeader(i, frame.length), frame), 15_000_000);
        }
        return c.bytes();
    }

    /** Radiotap headers (with and without an FCS) over beacons and protected data (replaces pypacker packets_rtap_sel). */
    static byte[] radiotap() throws IOException {
        Random rnd = new Random(5);
        Capture c = new Capture(LinkType.IEEE802_11_RADIOTAP);
        byte[] sta = mac(0x02, 0, 0, 0, 0xf0, 0x03);
        int seq = 0;
        for (int i = 0; i < 12; i++) {
            byte[] frame = switch (i % 4) {
                case 0 -> beacon(AP, "rtap-net", Cipher.CCMP, seq++);
                case 1 -> data(2, false, sta, AP, ROUTER, null, seq++, protect(Cipher.CCMP, llcIpv4Udp(rnd, 50 + rnd.nextInt(700)), rnd, i));
                case 2 -> data(1, false, AP, sta, ROUTER, null, seq++, llc(0x0800, ipv4Udp(rnd, 192, 168, 1, 30, 192, 168, 1, 1, 40100 + i, 53, 36)));
                default -> ack(sta);
            };
            boolean fcs = i % 3 == 2;
            c.add(cat(radiotapHeader(fcs, -40 - i), frame, fcs ? fcs(frame) : new byte[0]), 7_000_000);
        }
        return c.bytes();
    }

    // ---- Ethernet captures -----------------------------------------------------------------

    /** A smart plug: local control over TCP 9999 from the phone, then TLS to its cloud (replaces PingPong TP_LINK_LOCAL_ON). */
    static byte[] plug() throws IOException {
        Random rnd = new Random(6);
        Capture c = new Capture(LinkType.ETHERNET);
        int[] phone = {192, 168, 1, 160};
        int[] plug = {192, 168, 1, 159};
        int[] cloud = {34, 226, 240, 125};
        Tcp local = new Tcp(PHONE, PLUG, phone, plug, 51000, 9999, rnd);
        local.handshake(c);
        local.send(c, true, random(rnd, 122));
        local.send(c, false, random(rnd, 86));
        local.close(c);
        Tcp tls = new Tcp(PLUG, ROUTER, plug, cloud, 49152, 443, rnd);
        tls.handshake(c);
        tls.send(c, true, clientHello(rnd, "devs.plugcloud.example"));
        tls.send(c, false, cat(serverHello(rnd), changeCipherSpec()));
        tls.send(c, true, cat(changeCipherSpec(), tlsRecord(23, random(rnd, 69))));
        tls.send(c, false, tlsRecord(23, random(rnd, 245)));
        tls.send(c, true, tlsRecord(23, random(rnd, 37)));
        tls.close(c);
        return c.bytes();
    }

    /**
     * A router's view of a busy home: DNS (answers, CNAMEs, name servers and glue in the
     * additional section, AAAA), mDNS, IPv6, TLS sessions to the clouds the names resolve to,
     * frames seen twice and a few out of timestamp order (replaces PingPong wlan1.local.dns).
     */
    static byte[] home() throws IOException {
        Random rnd = new Random(7);
        Capture c = new Capture(LinkType.ETHERNET);
        int[] router = {192, 168, 1, 1};
        String[] names = {"devs.plugcloud.example", "events.plugcloud.example", "api.lampcloud.example", "time.home.example"};
        for (int round = 0; round < 12; round++) {
            for (int d = 0; d < names.length; d++) {
                byte[] devMac = mac(0x02, 0x50, 0, 0, 0x10, 0x10 + d);
                int[] dev = {192, 168, 1, 150 + d};
                int[] cloud = {34, 200 + d, round, 10 + d};
                int port = 30000 + round * 10 + d;
                int id = rnd.nextInt(65536);
                byte[] query = dnsQuery(id, names[d], 1);
                c.add(ethernet(ROUTER, devMac, 0x0800, ipv4(dev, router, 17, udp(port, 53, query))), 3_000_000);
                byte[] answer = dnsAnswer(id, names[d], cloud, d % 2 == 0);
                c.add(ethernet(devMac, ROUTER, 0x0800, ipv4(router, dev, 17, udp(53, port, answer))), 2_000_000);
                if (d == 3) {
                    byte[] v6query = dnsQuery(id + 1, names[d], 28);
                    c.add(ethernet(ROUTER, devMac, 0x86dd, ipv6(ip6(0xfe80, d), ip6(0xfe80, 1), 17, udp(port, 53, v6query))), 1_000_000);
                    c.add(ethernet(devMac, ROUTER, 0x86dd, ipv6(ip6(0xfe80, 1), ip6(0xfe80, d), 17, udp(53, port, dnsAaaa(id + 1, names[d])))), 1_000_000);
                    continue;
                }
                Tcp tls = new Tcp(devMac, ROUTER, dev, cloud, 40000 + round * 10 + d, 443, rnd);
                tls.handshake(c);
                tls.send(c, true, clientHello(rnd, names[d]));
                tls.send(c, false, cat(serverHello(rnd), changeCipherSpec()));
                for (int k = 0; k < 2 + rnd.nextInt(3); k++) {
                    tls.send(c, rnd.nextBoolean(), tlsRecord(23, random(rnd, 30 + rnd.nextInt(600))));
                }
                tls.close(c);
            }
            // mDNS announcement from the phone, on IPv4 and IPv6
            byte[] mdns = mdnsAnnouncement("phone.local", new int[] {192, 168, 1, 160});
            c.add(ethernet(mac(0x01, 0x00, 0x5e, 0, 0, 0xfb), PHONE, 0x0800, ipv4(new int[] {192, 168, 1, 160}, new int[] {224, 0, 0, 251}, 17, udp(5353, 5353, mdns))), 500_000);
            c.add(ethernet(mac(0x33, 0x33, 0, 0, 0, 0xfb), PHONE, 0x86dd, ipv6(ip6(0xfe80, 0x60), ip6(0xff02, 0xfb), 17, udp(5353, 5353, mdns))), 1_000);
            // the phone's control message, seen twice (mirrored by the router)
            byte[] dup = ethernet(PLUG, PHONE, 0x0800, ipv4(new int[] {192, 168, 1, 160}, new int[] {192, 168, 1, 150}, 6,
                    tcp(51000 + round, 9999, 1000 + round, 1, 0x18, random(rnd, 90))));
            c.add(dup, 4_000_000);
            c.add(dup, 0);
            // a frame stamped 2 ms before the previous one
            c.addAt(c.last - 2_000_000, ethernet(ROUTER, PLUG, 0x0806, arp(PLUG, new int[] {192, 168, 1, 150}, new int[] {192, 168, 1, 1})));
        }
        return c.bytes();
    }

    // ---- frame builders --------------------------------------------------------------------

    enum Cipher { NONE, WEP, TKIP, CCMP }

    /** The captured packets, each at the previous one's time plus a gap. */
    private static final class Capture {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PcapWriter writer;
        long last = START;

        Capture(int linkType) throws IOException {
            writer = new PcapWriter(bytes, linkType);
        }

        void add(byte[] frame, long gapNanos) throws IOException {
            last += gapNanos;
            writer.write(last, frame);
        }

        void addAt(long time, byte[] frame) throws IOException {
            writer.write(time, frame);
        }

        byte[] bytes() throws IOException {
            writer.close();
            return bytes.toByteArray();
        }
    }

    /** A TCP connection that numbers its segments. */
    private static final class Tcp {
        final byte[] clientMac;
        final byte[] serverMac;
        final int[] client;
        final int[] server;
        final int clientPort;
        final int serverPort;
        long clientSeq;
        long serverSeq;

        Tcp(byte[] clientMac, byte[] serverMac, int[] client, int[] server, int clientPort, int serverPort, Random rnd) {
            this.clientMac = clientMac;
            this.serverMac = serverMac;
            this.client = client;
            this.server = server;
            this.clientPort = clientPort;
            this.serverPort = serverPort;
            this.clientSeq = rnd.nextInt() & 0xffffffffL;
            this.serverSeq = rnd.nextInt() & 0xffffffffL;
        }

        void handshake(Capture c) throws IOException {
            segment(c, true, 0x02, new byte[0], 1);
            segment(c, false, 0x12, new byte[0], 1);
            segment(c, true, 0x10, new byte[0], 0);
        }

        void send(Capture c, boolean fromClient, byte[] payload) throws IOException {
            segment(c, fromClient, 0x18, payload, payload.length);
            segment(c, !fromClient, 0x10, new byte[0], 0);
        }

        void close(Capture c) throws IOException {
            segment(c, true, 0x11, new byte[0], 1);
            segment(c, false, 0x11, new byte[0], 1);
            segment(c, true, 0x10, new byte[0], 0);
        }

        private void segment(Capture c, boolean fromClient, int flags, byte[] payload, int advance) throws IOException {
            long seq = fromClient ? clientSeq : serverSeq;
            long ack = (flags & 0x02) != 0 && (flags & 0x10) == 0 ? 0 : fromClient ? serverSeq : clientSeq;
            byte[] t = fromClient ? tcp(clientPort, serverPort, seq, ack, flags, payload) : tcp(serverPort, clientPort, seq, ack, flags, payload);
            byte[] ip = fromClient ? ipv4(client, server, 6, t) : ipv4(server, client, 6, t);
            c.add(fromClient ? ethernet(serverMac, clientMac, 0x0800, ip) : ethernet(clientMac, serverMac, 0x0800, ip), fromClient ? 3_000_000 : 25_000_000);
            if (fromClient) {
                clientSeq = (clientSeq + advance) & 0xffffffffL;
            } else {
                serverSeq = (serverSeq + advance) & 0xffffffffL;
            }
        }
    }

    static byte[] header80211(int type, int subtype, int ds, boolean isProtected, byte[] a1, byte[] a2, byte[] a3, byte[] a4, int seq) {
        Bytes b = new Bytes();
        b.u8(subtype << 4 | type << 2).u8(ds | (isProtected ? 0x40 : 0)).le16(type == 1 ? 0 : 44);
        b.put(a1);
        if (a2 != null) {
            b.put(a2);
        }
        if (a3 != null) {
            b.put(a3).le16(seq << 4 & 0xfff0);
        }
        if (a4 != null) {
            b.put(a4);
        }
        return b.bytes();
    }

    /** A frame body as sent encrypted: cipher header, ciphertext, MIC/ICV. */
    record Sealed(byte[] bytes) {}

    static byte[] data(int ds, boolean qos, byte[] a1, byte[] a2, byte[] a3, byte[] a4, int seq, byte[] body) {
        return data(ds, qos, a1, a2, a3, a4, seq, body, false);
    }

    static byte[] data(int ds, boolean qos, byte[] a1, byte[] a2, byte[] a3, byte[] a4, int seq, Sealed body) {
        return data(ds, qos, a1, a2, a3, a4, seq, body.bytes(), true);
    }

    private static byte[] data(int ds, boolean qos, byte[] a1, byte[] a2, byte[] a3, byte[] a4, int seq, byte[] body, boolean isProtected) {
        byte[] h = header80211(2, qos ? 8 : 0, ds, isProtected, a1, a2, a3, ds == 3 ? a4 : null, seq);
        return qos ? cat(h, new byte[] {0, 0}, body) : cat(h, body);
    }

    static byte[] nullFrame(byte[] ra, byte[] ta, int seq) {
        return header80211(2, 4, 1, false, ra, ta, ra, null, seq);
    }

    static byte[] ack(byte[] ra) {
        return header80211(1, 13, 0, false, ra, null, null, null, 0);
    }

    static byte[] cts(byte[] ra) {
        return header80211(1, 12, 0, false, ra, null, null, null, 0);
    }

    static byte[] rts(byte[] ra, byte[] ta) {
        return header80211(1, 11, 0, false, ra, ta, null, null, 0);
    }

    static byte[] management(int subtype, byte[] da, byte[] sa, byte[] bssid, int seq, byte[] body) {
        return cat(header80211(0, subtype, 0, false, da, sa, bssid, null, seq), body);
    }

    static byte[] beacon(byte[] bssid, String ssid, Cipher cipher, int seq) {
        return management(8, BROADCAST, bssid, bssid, seq, beaconBody(ssid, cipher));
    }

    static byte[] beaconBody(String ssid, Cipher cipher) {
        Bytes b = new Bytes();
        b.put(new byte[8]).le16(100).le16(cipher == Cipher.NONE ? 0x0001 : 0x0011);
        return cat(b.bytes(), ies(ssid, cipher));
    }

    static byte[] ies(String ssid, Cipher cipher) {
        Bytes b = new Bytes();
        byte[] s = ssid.getBytes(StandardCharsets.US_ASCII);
        b.u8(0).u8(s.length).put(s);
        b.u8(1).u8(8).put(new byte[] {(byte) 0x82, (byte) 0x84, (byte) 0x8b, (byte) 0x96, 0x0c, 0x12, 0x18, 0x24});
        b.u8(3).u8(1).u8(6);
        if (cipher == Cipher.CCMP) { // RSN: CCMP group and pairwise, PSK
            b.u8(48).u8(20).le16(1).put(new byte[] {0, 0x0f, (byte) 0xac, 4}).le16(1).put(new byte[] {0, 0x0f, (byte) 0xac, 4})
                    .le16(1).put(new byte[] {0, 0x0f, (byte) 0xac, 2}).le16(0);
        } else if (cipher == Cipher.TKIP) {
            b.put(wpaElement());
        }
        return b.bytes();
    }

    /** The WPA vendor element: TKIP group and pairwise cipher, PSK. */
    static byte[] wpaElement() {
        return new Bytes().u8(221).u8(22).put(new byte[] {0, 0x50, (byte) 0xf2, 1}).le16(1).put(new byte[] {0, 0x50, (byte) 0xf2, 2})
                .le16(1).put(new byte[] {0, 0x50, (byte) 0xf2, 2}).le16(1).put(new byte[] {0, 0x50, (byte) 0xf2, 2}).bytes();
    }

    /** The encrypted form of {@code clear}: cipher header, as many random bytes, MIC/ICV. */
    static Sealed protect(Cipher cipher, byte[] clear, Random rnd, int packetNumber) {
        Bytes b = new Bytes();
        switch (cipher) {
            case WEP -> b.u8(packetNumber >> 16).u8(packetNumber >> 8).u8(packetNumber).u8(0).put(random(rnd, clear.length)).put(random(rnd, 4));
            case TKIP -> b.u8(packetNumber >> 8).u8((packetNumber >> 8 | 0x20) & 0x7f).u8(packetNumber).u8(0x20).put(new byte[4])
                    .put(random(rnd, clear.length)).put(random(rnd, 12));
            case CCMP -> b.u8(packetNumber).u8(packetNumber >> 8).u8(0).u8(0x20).put(new byte[4]).put(random(rnd, clear.length)).put(random(rnd, 8));
            default -> throw new IllegalArgumentException(cipher.name());
        }
        return new Sealed(b.bytes());
    }

    static byte[] llc(int etherType, byte[] payload) {
        return cat(new byte[] {(byte) 0xaa, (byte) 0xaa, 3, 0, 0, 0, (byte) (etherType >> 8), (byte) etherType}, payload);
    }

    static byte[] llcIpv4Udp(Random rnd, int payload) {
        return llc(0x0800, ipv4Udp(rnd, 192, 168, 1, 20 + rnd.nextInt(20), 203, 0, 113, 7, 40000 + rnd.nextInt(1000), 443, payload));
    }

    static byte[] eapolKey(Random rnd, int message) {
        int info = switch (message) {
            case 1 -> 0x0089;
            case 2 -> 0x0109;
            case 3 -> 0x01c9;
            default -> 0x0309;
        };
        byte[] keyData = message == 2 || message == 3 ? wpaElement() : new byte[0];
        Bytes key = new Bytes().u8(254).be16(info).be16(32).put(new byte[8]).put(random(rnd, 32)).put(new byte[16])
                .put(new byte[8]).put(new byte[8]).put(message == 1 ? new byte[16] : random(rnd, 16)).be16(keyData.length).put(keyData);
        byte[] k = key.bytes();
        return new Bytes().u8(1).u8(3).be16(k.length).put(k).bytes();
    }

    static byte[] prismHeader(int i, int frameLength) {
        Bytes b = new Bytes().le32(0x44).le32(144);
        byte[] dev = new byte[16];
        byte[] name = "wlan0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, dev, 0, name.length);
        b.put(dev);
        int[] values = {i * 15_000, i * 15_000, 6, 40, 0, 60, 0, 22, 0, frameLength};
        for (int k = 0; k < values.length; k++) {
            b.le32((k + 1) << 16 | 0x44).le16(0).le16(4).le32(values[k]);
        }
        return b.bytes();
    }

    static byte[] radiotapHeader(boolean fcs, int signal) {
        // present: Flags (1), Rate (2), Channel (3), dBm antenna signal (5)
        Bytes b = new Bytes().u8(0).u8(0).le16(15).le32(0x2e);
        b.u8(fcs ? 0x10 : 0).u8(12).le16(2437).le16(0x00a0).u8(signal);
        return b.bytes();
    }

    static byte[] fcs(byte[] frame) {
        CRC32 crc = new CRC32();
        crc.update(frame);
        return new Bytes().le32((int) crc.getValue()).bytes();
    }

    static byte[] ethernet(byte[] dst, byte[] src, int etherType, byte[] payload) {
        return cat(dst, src, new byte[] {(byte) (etherType >> 8), (byte) etherType}, payload);
    }

    static byte[] ipv4(int[] src, int[] dst, int protocol, byte[] payload) {
        Bytes b = new Bytes().u8(0x45).u8(0).be16(20 + payload.length).be16(0x1c46).be16(0x4000).u8(64).u8(protocol).be16(0);
        for (int x : src) {
            b.u8(x);
        }
        for (int x : dst) {
            b.u8(x);
        }
        byte[] h = b.bytes();
        int sum = 0;
        for (int k = 0; k < 20; k += 2) {
            sum += (h[k] & 0xff) << 8 | (h[k + 1] & 0xff);
        }
        sum = (sum & 0xffff) + (sum >> 16);
        sum = ~((sum & 0xffff) + (sum >> 16)) & 0xffff;
        h[10] = (byte) (sum >> 8);
        h[11] = (byte) sum;
        return cat(h, payload);
    }

    static byte[] ipv4Udp(Random rnd, int s0, int s1, int s2, int s3, int d0, int d1, int d2, int d3, int sport, int dport, int payload) {
        return ipv4(new int[] {s0, s1, s2, s3}, new int[] {d0, d1, d2, d3}, 17, udp(sport, dport, random(rnd, payload)));
    }

    static byte[] ip6(int prefix, int host) {
        Bytes b = new Bytes().be16(prefix).put(new byte[12]).be16(host);
        return b.bytes();
    }

    static byte[] ipv6(byte[] src, byte[] dst, int next, byte[] payload) {
        return cat(new Bytes().be32(0x60000000).be16(payload.length).u8(next).u8(255).put(src).put(dst).bytes(), payload);
    }

    static byte[] udp(int sport, int dport, byte[] payload) {
        return cat(new Bytes().be16(sport).be16(dport).be16(8 + payload.length).be16(0).bytes(), payload);
    }

    static byte[] tcp(int sport, int dport, long seq, long ack, int flags, byte[] payload) {
        return cat(new Bytes().be16(sport).be16(dport).be32((int) seq).be32((int) ack).u8(0x50).u8(flags).be16(64240).be16(0).be16(0).bytes(), payload);
    }

    static byte[] arp(byte[] senderMac, int[] sender, int[] target) {
        Bytes b = new Bytes().be16(1).be16(0x0800).u8(6).u8(4).be16(1).put(senderMac);
        for (int x : sender) {
            b.u8(x);
        }
        b.put(new byte[6]);
        for (int x : target) {
            b.u8(x);
        }
        return cat(b.bytes(), new byte[18]); // padded to the Ethernet minimum
    }

    static byte[] tlsRecord(int type, byte[] body) {
        return cat(new Bytes().u8(type).be16(0x0303).be16(body.length).bytes(), body);
    }

    static byte[] changeCipherSpec() {
        return tlsRecord(20, new byte[] {1});
    }

    static byte[] clientHello(Random rnd, String serverName) {
        byte[] name = serverName.getBytes(StandardCharsets.US_ASCII);
        byte[] sni = new Bytes().be16(0).be16(name.length + 5).be16(name.length + 3).u8(0).be16(name.length).put(name).bytes();
        Bytes hello = new Bytes().be16(0x0303).put(random(rnd, 32)).u8(0).be16(4).be16(0xc02f).be16(0xc030).u8(1).u8(0)
                .be16(sni.length).put(sni);
        return handshake(1, hello.bytes());
    }

    static byte[] serverHello(Random rnd) {
        return handshake(2, new Bytes().be16(0x0303).put(random(rnd, 32)).u8(0).be16(0xc02f).u8(0).be16(0).bytes());
    }

    private static byte[] handshake(int type, byte[] body) {
        return tlsRecord(22, cat(new byte[] {(byte) type, (byte) (body.length >> 16), (byte) (body.length >> 8), (byte) body.length}, body));
    }

    static byte[] dnsQuery(int id, String name, int type) {
        return new Bytes().be16(id).be16(0x0100).be16(1).be16(0).be16(0).be16(0).put(dnsName(name)).be16(type).be16(1).bytes();
    }

    /** A response: optionally a CNAME first, then the A record; a name server in the authority section and its glue address in the additional one. */
    static byte[] dnsAnswer(int id, String name, int[] address, boolean viaCname) {
        String target = viaCname ? "edge-" + name : name;
        Bytes b = new Bytes().be16(id).be16(0x8180).be16(1).be16(viaCname ? 2 : 1).be16(1).be16(1).put(dnsName(name)).be16(1).be16(1);
        if (viaCname) {
            byte[] t = dnsName(target);
            b.be16(0xc00c).be16(5).be16(1).be32(300).be16(t.length).put(t);
            b.put(t).be16(1).be16(1).be32(60).be16(4);
        } else {
            b.be16(0xc00c).be16(1).be16(1).be32(60).be16(4);
        }
        for (int x : address) {
            b.u8(x);
        }
        byte[] ns = dnsName("ns1.dns.example");
        b.be16(0xc00c).be16(2).be16(1).be32(3600).be16(ns.length).put(ns);
        b.put(ns).be16(1).be16(1).be32(3600).be16(4).u8(205).u8(251).u8(192).u8(address[3]);
        return b.bytes();
    }

    static byte[] dnsAaaa(int id, String name) {
        return new Bytes().be16(id).be16(0x8180).be16(1).be16(1).be16(0).be16(0).put(dnsName(name)).be16(28).be16(1)
                .be16(0xc00c).be16(28).be16(1).be32(60).be16(16).put(ip6(0x2001, 0x0db8)).bytes();
    }

    static byte[] mdnsAnnouncement(String name, int[] address) {
        Bytes b = new Bytes().be16(0).be16(0x8400).be16(0).be16(1).be16(0).be16(0).put(dnsName(name)).be16(1).be16(0x8001).be32(120).be16(4);
        for (int x : address) {
            b.u8(x);
        }
        return b.bytes();
    }

    static byte[] dnsName(String name) {
        Bytes b = new Bytes();
        for (String label : name.split("\\.")) {
            byte[] l = label.getBytes(StandardCharsets.US_ASCII);
            b.u8(l.length).put(l);
        }
        return b.u8(0).bytes();
    }

    // ---- bytes -----------------------------------------------------------------------------

    static byte[] mac(int... octets) {
        byte[] m = new byte[6];
        for (int i = 0; i < 6; i++) {
            m[i] = (byte) octets[i];
        }
        return m;
    }

    static byte[] random(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    static byte[] cat(byte[]... parts) {
        Bytes b = new Bytes();
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.bytes();
    }

    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes be16(int v) {
            return u8(v >> 8).u8(v);
        }

        Bytes le16(int v) {
            return u8(v).u8(v >> 8);
        }

        Bytes be32(int v) {
            return be16(v >> 16).be16(v);
        }

        Bytes le32(int v) {
            return le16(v).le16(v >> 16);
        }

        Bytes put(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
