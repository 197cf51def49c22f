package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.LinkType;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.PcapWriter;
import org.iotevent.decode.LinkDecoder;
import org.junit.jupiter.api.Test;

class WholeHomeTrafficTest {
    private static final int PLUG = 0xC0A8010A; // 192.168.1.10
    private static final int BULB = 0xC0A8010B; // 192.168.1.11
    private static final int CLOUD = 0x34010203; // 52.1.2.3
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_700_000_000_000_000_000L;

    /** An Ethernet + IPv4 + TCP frame whose IPv4 total length is {@code ipLength}. */
    static byte[] frame(int src, int dst, int ipLength) {
        ByteBuffer b = ByteBuffer.allocate(14 + ipLength);
        b.put(new byte[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6}).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putInt(0).put((byte) 64).put((byte) 6)
                .putShort((short) 0).putInt(src).putInt(dst);
        b.putShort((short) 443).putShort((short) 50000).putInt(1).putInt(1).put((byte) 0x50).put((byte) 0x18)
                .putShort((short) 1024).putInt(0);
        return b.array();
    }

    /** The plug's and the bulb's bursts interleave packet by packet within the same second. */
    private static PacketSource interleaved() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET)) {
            long t = T0;
            int[][] plug = {{PLUG, CLOUD, 100}, {CLOUD, PLUG, 60}, {PLUG, CLOUD, 52}};
            int[][] bulb = {{CLOUD, BULB, 300}, {BULB, CLOUD, 40}, {CLOUD, BULB, 88}, {BULB, CLOUD, 40}};
            for (int i = 0; i < 4; i++) {
                if (i < plug.length) {
                    w.write(t += 20 * MS, frame(plug[i][0], plug[i][1], plug[i][2]));
                }
                w.write(t += 20 * MS, frame(bulb[i][0], bulb[i][1], bulb[i][2]));
            }
            w.write(t + 5_000 * MS, frame(PLUG, CLOUD, 44));
        }
        return CaptureReaders.open("interleaved.pcap", new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void interleavedDevicesAreSegmentedSeparatelyInOnePass() throws Exception {
        List<int[]> plugBursts = new ArrayList<>();
        List<int[]> bulbBursts = new ArrayList<>();
        DeviceView plug = new DeviceView(DeviceSelector.parse("192.168.1.10", List.of()));
        DeviceView bulb = new DeviceView(DeviceSelector.parse("192.168.1.11", List.of()));
        BurstSegmenter plugCuts = new BurstSegmenter(1_000 * MS, 100, b -> plugBursts.add(b.signedLengths()));
        BurstSegmenter bulbCuts = new BurstSegmenter(1_000 * MS, 100, b -> bulbBursts.add(b.signedLengths()));
        List<TrafficStats> stats;
        try (PacketSource source = interleaved()) {
            stats = DeviceTraffic.runAll(source, new LinkDecoder(), List.of(plug, bulb), List.of(plugCuts, bulbCuts));
        }
        assertThat(plugBursts).extracting(Arrays::toString).containsExactly("[-100, 60, -52]", "[-44]");
        assertThat(bulbBursts).extracting(Arrays::toString).containsExactly("[300, -40, 88, -40]");
        assertThat(stats).extracting(TrafficStats::devicePackets).containsExactly(4L, 4L);
        assertThat(stats.get(0).packets()).isEqualTo(8);
    }

    @Test
    void viewsAndSegmentersMustPair() {
        DeviceView plug = new DeviceView(DeviceSelector.parse("192.168.1.10", List.of()));
        assertThatThrownBy(() -> DeviceTraffic.runAll(interleaved(), new LinkDecoder(), List.of(plug), List.of()))
                .hasMessageContaining("one segmenter per device view");
    }

    /**
     * A pass over 70 devices (IPv4 addresses of which several end in the same byte, IPv6
     * addresses, MAC addresses) cuts the same bursts in the same order as the simple computation:
     * every packet decoded and shown to each view in turn (its own address comparison), then added
     * to that device's segmenter or advancing it. Random traffic among the devices and others, with
     * copies, ARP frames and gaps beyond {@code a}.
     */
    @Test
    void aPassOverManyDevicesCutsAsEachViewInTurn() throws Exception {
        java.util.Random random = new java.util.Random(1706);
        List<String> selectors = new ArrayList<>();
        List<byte[]> addresses = new ArrayList<>(); // 4 or 16 bytes
        List<Long> macs = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            if (i % 10 == 7) {
                long mac = 0x020000000000L | i;
                macs.add(mac);
                selectors.add(String.format("02:00:00:00:00:%02x", i));
            } else if (i % 10 == 3) {
                byte[] a = new byte[16];
                a[0] = 0x20;
                a[1] = 0x01;
                a[2] = (byte) (i / 10);
                a[15] = 3; // the same low half, the high half differs
                addresses.add(a);
                selectors.add(java.net.InetAddress.getByAddress(a).getHostAddress());
            } else {
                byte[] a = {10, 0, (byte) (i / 8), (byte) (i % 8)}; // the same last byte in eight subnets
                addresses.add(a);
                selectors.add(java.net.InetAddress.getByAddress(a).getHostAddress());
            }
        }
        addresses.add(new byte[] {52, 1, 2, 3}); // others
        addresses.add(new byte[] {10, 0, 99, 1});
        ByteArrayOutputStream capture = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(capture, LinkType.ETHERNET)) {
            long t = T0;
            byte[] last = null;
            for (int i = 0; i < 20_000; i++) {
                t += random.nextInt(20) == 0 ? random.nextInt(3_000) * MS : random.nextInt(200_000);
                if (last != null && random.nextInt(30) == 0) {
                    w.write(t, last); // a capture's copy
                    continue;
                }
                long srcMac = random.nextBoolean() ? macs.get(random.nextInt(macs.size())) : 0x02AA00000001L;
                long dstMac = random.nextBoolean() ? macs.get(random.nextInt(macs.size())) : 0x02AA00000002L;
                byte[] src = addresses.get(random.nextInt(addresses.size()));
                byte[] dst = addresses.get(random.nextInt(addresses.size()));
                last = random.nextInt(25) == 0 ? arp(srcMac, dstMac)
                        : anyFrame(srcMac, dstMac, src.length == dst.length ? src : dst, dst, 60 + random.nextInt(1400));
                w.write(t, last);
            }
        }
        List<String> passCuts = new ArrayList<>();
        List<DeviceView> views = new ArrayList<>();
        List<BurstSegmenter> segmenters = new ArrayList<>();
        List<String> simpleCuts = new ArrayList<>();
        List<DeviceView> simpleViews = new ArrayList<>();
        List<BurstSegmenter> simpleSegmenters = new ArrayList<>();
        for (int d = 0; d < selectors.size(); d++) {
            int device = d;
            DeviceSelector selector = DeviceSelector.parse(selectors.get(d), List.of());
            views.add(new DeviceView(selector));
            segmenters.add(new BurstSegmenter(1_000 * MS, 50, b -> passCuts.add(device + " " + describe(b))));
            simpleViews.add(new DeviceView(selector));
            simpleSegmenters.add(new BurstSegmenter(1_000 * MS, 50, b -> simpleCuts.add(device + " " + describe(b))));
        }
        List<TrafficStats> stats;
        try (PacketSource source = CaptureReaders.open("home.pcap", new ByteArrayInputStream(capture.toByteArray()))) {
            stats = DeviceTraffic.runAll(source, new LinkDecoder(), views, segmenters);
        }
        try (PacketSource source = CaptureReaders.open("home.pcap", new ByteArrayInputStream(capture.toByteArray()))) {
            org.iotevent.capture.CaptureRecord r = new org.iotevent.capture.CaptureRecord();
            org.iotevent.decode.DecodedPacket p = new org.iotevent.decode.DecodedPacket();
            LinkDecoder decoder = new LinkDecoder();
            while (source.next(r)) {
                decoder.decode(r, p);
                for (int d = 0; d < simpleViews.size(); d++) {
                    int s = simpleViews.get(d).signedLength(p);
                    if (s != 0) {
                        simpleSegmenters.get(d).add(r.timestampNanos, r.frameNumber, s);
                    } else {
                        simpleSegmenters.get(d).advance(r.timestampNanos);
                    }
                }
            }
            simpleSegmenters.forEach(BurstSegmenter::flush);
        }
        assertThat(passCuts).hasSizeGreaterThan(2_000).isEqualTo(simpleCuts);
        for (int d = 0; d < views.size(); d++) {
            assertThat(stats.get(d).devicePackets()).as(selectors.get(d)).isEqualTo(simpleViews.get(d).devicePackets());
            assertThat(views.get(d).duplicates()).as(selectors.get(d)).isEqualTo(simpleViews.get(d).duplicates());
        }
        assertThat(views.stream().mapToLong(DeviceView::duplicates).sum()).as("copies dropped").isGreaterThan(100);
    }

    private static String describe(Burst b) {
        return b.startNanos() + "-" + b.endNanos() + " " + b.firstFrame() + "-" + b.lastFrame() + " "
                + Arrays.toString(b.signedLengths());
    }

    /** An Ethernet frame of IPv4 or IPv6 (by the addresses' length) and TCP, {@code ipLength} bytes of IP. */
    private static byte[] anyFrame(long srcMac, long dstMac, byte[] src, byte[] dst, int ipLength) {
        boolean v6 = src.length == 16;
        ByteBuffer b = ByteBuffer.allocate(14 + ipLength);
        b.putShort((short) (dstMac >>> 32)).putInt((int) dstMac).putShort((short) (srcMac >>> 32)).putInt((int) srcMac);
        if (v6) {
            b.putShort((short) 0x86DD).putInt(0x60000000).putShort((short) (ipLength - 40)).put((byte) 6).put((byte) 64);
        } else {
            b.putShort((short) 0x0800).put((byte) 0x45).put((byte) 0).putShort((short) ipLength)
                    .putInt(ipLength * 31).put((byte) 64).put((byte) 6).putShort((short) 0);
        }
        b.put(src).put(dst);
        b.putShort((short) 443).putShort((short) 50000).putInt(ipLength).putInt(1).put((byte) 0x50).put((byte) 0x18)
                .putShort((short) 1024).putInt(0);
        return b.array();
    }

    private static byte[] arp(long srcMac, long dstMac) {
        ByteBuffer b = ByteBuffer.allocate(42);
        b.putShort((short) (dstMac >>> 32)).putInt((int) dstMac).putShort((short) (srcMac >>> 32)).putInt((int) srcMac);
        b.putShort((short) 0x0806).putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4);
        return b.array();
    }
}
