package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.LinkDecoder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The whole path from pcap bytes to bursts, through the real reader and decoder, at every vantage point. */
class DeviceTrafficTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "LAN, " + SyntheticHome.PLUG_IP + ",",
        "LAN, " + SyntheticHome.PLUG_MAC + ",",
        "WAN, wan:" + SyntheticHome.ROUTER_WAN_IP + ", " + SyntheticHome.CLOUD_DOMAIN,
        "WLAN, " + SyntheticHome.PLUG_MAC + ","
    })
    void everyVantagePointGivesTheSameBursts(SyntheticHome.Vantage vantage, String device, String cloud) throws Exception {
        Path pcap = dir.resolve("home.pcap");
        SyntheticHome.write(pcap, vantage, 4, 3);
        DeviceView view = new DeviceView(DeviceSelector.parse(device, cloud == null ? List.of() : List.of(cloud)));
        List<Burst> bursts = new ArrayList<>();
        TrafficStats stats;
        try (PacketSource source = CaptureReaders.open(pcap)) {
            stats = DeviceTraffic.run(source, new LinkDecoder(), view, new BurstSegmenter(1_000_000_000L, 1000, bursts::add));
        }
        assertThat(bursts).hasSize(8);
        assertThat(bursts.get(0).signedLengths()).satisfiesAnyOf(
                v -> assertThat(v).containsExactly(-235, 171, -52, 52), v -> assertThat(v).containsExactly(-235, 172, -52, 52));
        assertThat(bursts.get(1).signedLengths()).containsExactly(-100, 100);
        assertThat(bursts.get(2).signedLengths()[0]).isEqualTo(-251);
        assertThat(stats.devicePackets()).isEqualTo(4 * 6);
        if (vantage == SyntheticHome.Vantage.WLAN) {
            assertThat(view.retransmissions()).isEqualTo(4);
            assertThat(view.nonDataFrames()).isEqualTo(4);
        }
    }
}
