package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.SharedData;
import org.iotevent.decode.LinkDecoder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cloud addresses learnt from the real DNS answers in PingPong's capture: the TP-Link plug looks up
 * devs.tplinkcloud.com and events.tplinkra.com; answers carry the addresses in the answer section
 * and the name servers' addresses (205.251.192.x-199.x) in the additional section, which must not
 * count as the cloud.
 */
@Tag(SharedData.TAG)
class WanSelectionRealCaptureTest {
    @Test
    void learnsAnswerAddressesOnly() throws Exception {
        Path pcap = SharedData.file("captures/pingpong-wlan1.local.dns.pcap");
        DeviceView view = new DeviceView(DeviceSelector.parse("wan:192.168.1.159", List.of("devs.tplinkcloud.com", "tplinkra.com")));
        List<Burst> bursts = new ArrayList<>();
        TrafficStats stats;
        try (PacketSource source = CaptureReaders.open(pcap)) {
            stats = DeviceTraffic.run(source, new LinkDecoder(), view, new BurstSegmenter(1_000_000_000L, 1000, bursts::add));
        }
        assertThat(view.cloudAddresses()).contains("34.226.240.125", "205.251.203.83", "13.33.41.8")
                .doesNotContain("205.251.192.235", "205.251.199.1", "192.168.1.160");
        assertThat(stats.devicePackets()).isGreaterThan(500);
        assertThat(bursts).isNotEmpty().allSatisfy(b -> assertThat(b.signedLengths()).doesNotContain(-627));
    }
}
