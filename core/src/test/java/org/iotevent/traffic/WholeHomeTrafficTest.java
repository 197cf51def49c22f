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
}
