package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.LinkType;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.PcapWriter;
import org.iotevent.decode.LinkDecoder;
import org.junit.jupiter.api.Test;

class DevicePacketsTest {
    private static final int PLUG = 0xC0A8010A; // 192.168.1.10
    private static final int OTHER = 0xC0A80163; // 192.168.1.99
    private static final int CLOUD = 0x34010203;
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_700_000_000_000_000_000L;

    /**
     * The plug's packets with another host's in between, one of them 2 s on, then a plug packet
     * stamped before it (a reordered capture): the other host's time has closed the first burst,
     * so the late plug packet starts a burst of its own, in the streaming pass and the replay alike
     * (replayed without the other host's times, it would have joined the first).
     */
    static byte[] capture() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, LinkType.ETHERNET)) {
            w.write(T0, WholeHomeTrafficTest.frame(PLUG, CLOUD, 100));
            w.write(T0 + 20 * MS, WholeHomeTrafficTest.frame(CLOUD, PLUG, 60));
            w.write(T0 + 2_000 * MS, WholeHomeTrafficTest.frame(OTHER, CLOUD, 500));
            w.write(T0 + 500 * MS, WholeHomeTrafficTest.frame(PLUG, CLOUD, 52));
            w.write(T0 + 2_100 * MS, WholeHomeTrafficTest.frame(CLOUD, PLUG, 70));
            w.write(T0 + 9_000 * MS, WholeHomeTrafficTest.frame(OTHER, CLOUD, 500));
            w.write(T0 + 9_100 * MS, WholeHomeTrafficTest.frame(PLUG, CLOUD, 44));
        }
        return out.toByteArray();
    }

    static PacketSource open(byte[] bytes) throws Exception {
        return CaptureReaders.open("reordered.pcap", new ByteArrayInputStream(bytes));
    }

    @Test
    void replayCutsTheBurstsOfTheStreamingPass() throws Exception {
        byte[] bytes = capture();
        DeviceSelector plug = DeviceSelector.parse("192.168.1.10", List.of());
        List<Burst> streamed = new ArrayList<>();
        TrafficStats stats;
        try (PacketSource source = open(bytes)) {
            stats = DeviceTraffic.run(source, new LinkDecoder(), new DeviceView(plug),
                    new BurstSegmenter(1_000 * MS, BurstSegmenter.DEFAULT_MAX_PACKETS, streamed::add));
        }
        DevicePackets kept;
        try (PacketSource source = open(bytes)) {
            kept = DevicePackets.read(source, new LinkDecoder(), new DeviceView(plug));
        }
        List<Burst> replayed = new ArrayList<>();
        kept.replay(new BurstSegmenter(1_000 * MS, BurstSegmenter.DEFAULT_MAX_PACKETS, replayed::add));

        assertThat(streamed).extracting(b -> List.of(b.startNanos(), b.endNanos(), b.firstFrame(), b.lastFrame()))
                .containsExactly(List.of(T0, T0 + 20 * MS, 1L, 2L), List.of(T0 + 500 * MS, T0 + 500 * MS, 4L, 4L),
                        List.of(T0 + 2_100 * MS, T0 + 2_100 * MS, 5L, 5L), List.of(T0 + 9_100 * MS, T0 + 9_100 * MS, 7L, 7L));
        assertThat(replayed).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(streamed);
        assertThat(kept.stats()).isEqualTo(stats);
        assertThat(kept.sortedTimes()).containsExactly(T0, T0 + 20 * MS, T0 + 500 * MS, T0 + 2_100 * MS, T0 + 9_100 * MS);
    }
}
