package org.iotevent.traffic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.iotevent.capture.LinkType;
import org.iotevent.capture.PcapWriter;

/**
 * Writes small captures of a made-up smart plug, as real pcap files the real reader and decoder
 * read, with its event log. Every 30 s an event (ON and OFF alternating) is triggered; 0.3-0.8 s
 * later the plug exchanges a burst with its cloud whose packet lengths tell the event (ON
 * {@code -235 +171 -52 +52}, OFF {@code -251 +171 -52 +52}, one byte of jitter); 15 s after each
 * event a heartbeat {@code -100 +100} goes by; another host makes noise throughout. The same
 * traffic can be written as seen on the LAN (Ethernet), on the router's WAN side (NAT, with a DNS
 * answer naming the cloud) or on WiFi in monitor mode (CCMP-protected QoS data, plus null-data
 * frames, beacons and retransmissions that must not count).
 */
public final class SyntheticHome {
    public static final String PLUG_IP = "192.168.1.50";
    public static final String PLUG_MAC = "50:c7:bf:00:00:50";
    public static final String ROUTER_WAN_IP = "203.0.113.5";
    public static final String CLOUD_DOMAIN = "api.plugcloud.example";
    public static final long T0 = 1_700_000_000L;
    static final int[] ON = {-235, 171, -52, 52};
    static final int[] OFF = {-251, 171, -52, 52};
    static final int[] HEARTBEAT = {-100, 100};

    static final long PLUG = 0xC0A80132L;
    static final long OTHER_HOST = 0xC0A8013CL;
    static final long CLOUD = 0x34010203L;
    static final long ELSEWHERE = 0x5DB8D822L;
    static final long ROUTER = 0xCB007105L;
    static final long RESOLVER = 0x08080808L;
    static final long PLUG_MAC_VALUE = 0x50C7BF000050L;
    static final long AP_MAC = 0x0200000000AAL;
    static final long OTHER_MAC = 0x02000000003CL;

    /** Where the capture was taken. */
    public enum Vantage { LAN, WAN, WLAN }

    private final Vantage vantage;
    private final PcapWriter out;
    private int ipId = 1;
    private int seq = 1;

    private SyntheticHome(Vantage vantage, PcapWriter out) {
        this.vantage = vantage;
        this.out = out;
    }

    /**
     * Writes {@code events} triggered events (ON, OFF, ON, ...) as {@code vantage} sees them.
     *
     * @return the event log lines after the header, {@code seconds,NAME}
     */
    public static List<String> write(Path pcap, Vantage vantage, int events, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> log = new ArrayList<>();
        try (PcapWriter writer = new PcapWriter(Files.newOutputStream(pcap),
                vantage == Vantage.WLAN ? LinkType.IEEE802_11 : LinkType.ETHERNET)) {
            SyntheticHome home = new SyntheticHome(vantage, writer);
            long t = T0 * 1_000_000_000L;
            home.dnsAnswer(t + 1_000_000_000L);
            for (int i = 0; i < events; i++) {
                long event = t + (30L * i + 10) * 1_000_000_000L;
                String name = i % 2 == 0 ? "ON" : "OFF";
                log.add(String.format(Locale.ROOT, "%d.%03d,%s", event / 1_000_000_000L, (event / 1_000_000) % 1000, name));
                int[] burst = (i % 2 == 0 ? ON : OFF).clone();
                burst[1] += r.nextInt(2);
                long p = event + 300_000_000L + r.nextLong(500_000_000L);
                for (int len : burst) {
                    home.packet(p, len);
                    p += 20_000_000L + r.nextLong(30_000_000L);
                }
                long hb = event + 15_000_000_000L;
                for (int len : HEARTBEAT) {
                    home.packet(hb, len);
                    hb += 40_000_000L;
                }
                for (long n = event - 5_000_000_000L; n < event + 20_000_000_000L; n += 2_000_000_000L + r.nextLong(1_000_000_000L)) {
                    home.noise(n, 60 + r.nextInt(1400));
                }
            }
        }
        return log;
    }

    /** Writes the event log for {@code lines}. */
    public static void writeLog(Path file, List<String> lines) throws IOException {
        List<String> all = new ArrayList<>();
        all.add("timestamp,event");
        all.addAll(lines);
        Files.write(file, all);
    }

    /** One plug packet; positive lengths go to the plug. */
    private void packet(long t, int signedLength) throws IOException {
        boolean toPlug = signedLength > 0;
        int len = Math.abs(signedLength);
        switch (vantage) {
            case LAN -> out.write(t, ethernet(toPlug ? AP_MAC : PLUG_MAC_VALUE, toPlug ? PLUG_MAC_VALUE : AP_MAC,
                    ipv4Tcp(toPlug ? CLOUD : PLUG, toPlug ? PLUG : CLOUD, len)));
            case WAN -> out.write(t, ethernet(toPlug ? AP_MAC : OTHER_MAC, toPlug ? OTHER_MAC : AP_MAC,
                    ipv4Tcp(toPlug ? CLOUD : ROUTER, toPlug ? ROUTER : CLOUD, len)));
            case WLAN -> {
                out.write(t, wlanData(toPlug, len, seq, false));
                if (toPlug && len > 150 && len < 200) {
                    out.write(t + 300_000, wlanData(toPlug, len, seq, true));
                    out.write(t + 400_000, wlanNull(toPlug));
                }
                seq = (seq + 1) & 0xFFF;
            }
        }
    }

    private void noise(long t, int len) throws IOException {
        switch (vantage) {
            case LAN, WAN -> out.write(t, ethernet(OTHER_MAC, AP_MAC, ipv4Tcp(vantage == Vantage.LAN ? OTHER_HOST : ROUTER,
                    ELSEWHERE, Math.max(40, len))));
            case WLAN -> out.write(t, beacon());
        }
    }

    private void dnsAnswer(long t) throws IOException {
        if (vantage == Vantage.WLAN) {
            return;
        }
        byte[] dns = dnsResponse(CLOUD_DOMAIN, CLOUD);
        ByteBuffer udp = ByteBuffer.allocate(8 + dns.length);
        udp.putShort((short) 53).putShort((short) 40000).putShort((short) (8 + dns.length)).putShort((short) 0).put(dns);
        out.write(t, ethernet(AP_MAC, OTHER_MAC, ipv4(RESOLVER, vantage == Vantage.LAN ? OTHER_HOST : ROUTER, 17, udp.array())));
    }

    static byte[] dnsResponse(String name, long address) {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.putShort((short) 0x1234).putShort((short) 0x8180).putShort((short) 1).putShort((short) 1).putInt(0);
        for (String label : name.split("\\.")) {
            b.put((byte) label.length()).put(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        b.put((byte) 0).putShort((short) 1).putShort((short) 1);
        b.putShort((short) 0xC00C).putShort((short) 1).putShort((short) 1).putInt(300).putShort((short) 4).putInt((int) address);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private byte[] ipv4Tcp(long src, long dst, int ipLength) {
        ByteBuffer tcp = ByteBuffer.allocate(ipLength - 20);
        tcp.putShort((short) 443).putShort((short) 50000).putInt(seq++).putInt(0).put((byte) 0x50).put((byte) 0x18);
        return ipv4(src, dst, 6, tcp.array());
    }

    private byte[] ipv4(long src, long dst, int proto, byte[] payload) {
        ByteBuffer ip = ByteBuffer.allocate(20 + payload.length);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) ipId++).putShort((short) 0x4000);
        ip.put((byte) 64).put((byte) proto).putShort((short) 0).putInt((int) src).putInt((int) dst).put(payload);
        return ip.array();
    }

    private static byte[] ethernet(long src, long dst, byte[] ip) {
        ByteBuffer f = ByteBuffer.allocate(14 + ip.length);
        f.putShort((short) (dst >>> 32)).putInt((int) dst).putShort((short) (src >>> 32)).putInt((int) src);
        f.putShort((short) 0x0800).put(ip);
        return f.array();
    }

    /** CCMP-protected QoS data: 26-byte header, 8-byte CCMP header, LLC/SNAP + IP (encrypted), 8-byte MIC. */
    private static byte[] wlanData(boolean toPlug, int ipLength, int sequence, boolean retry) {
        ByteBuffer f = ByteBuffer.allocate(26 + 8 + 8 + ipLength + 8);
        f.put((byte) 0x88).put((byte) ((toPlug ? 0x02 : 0x01) | 0x40 | (retry ? 0x08 : 0))).putShort((short) 0);
        if (toPlug) {
            mac(f, PLUG_MAC_VALUE);
            mac(f, AP_MAC);
            mac(f, 0x0200000000C1L);
        } else {
            mac(f, AP_MAC);
            mac(f, PLUG_MAC_VALUE);
            mac(f, 0x0200000000C1L);
        }
        f.put((byte) ((sequence << 4) & 0xF0)).put((byte) (sequence >>> 4)).putShort((short) 0);
        f.put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0x20).putInt(0);
        return f.array();
    }

    private static byte[] wlanNull(boolean toPlug) {
        ByteBuffer f = ByteBuffer.allocate(26);
        f.put((byte) 0xC8).put((byte) (toPlug ? 0x02 : 0x01)).putShort((short) 0);
        mac(f, toPlug ? PLUG_MAC_VALUE : AP_MAC);
        mac(f, toPlug ? AP_MAC : PLUG_MAC_VALUE);
        mac(f, AP_MAC);
        return f.array();
    }

    private static byte[] beacon() {
        ByteBuffer f = ByteBuffer.allocate(24 + 12);
        f.put((byte) 0x80).put((byte) 0).putShort((short) 0);
        mac(f, 0xFFFFFFFFFFFFL);
        mac(f, AP_MAC);
        mac(f, AP_MAC);
        return f.array();
    }

    private static void mac(ByteBuffer f, long mac) {
        f.putShort((short) (mac >>> 32)).putInt((int) mac);
    }
}
