package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.TestCaptures;
import org.iotevent.decode.LinkDecoder;
import org.junit.jupiter.api.Test;

/**
 * Cloud addresses learnt from the DNS answers of the generated home-router capture (the in-repo
 * stand-in for PingPong's, see {@link WanSelectionRealCaptureTest}): answers reached through a
 * CNAME count, the name server's glue address in the additional section does not, nor do the
 * answers for other domains.
 */
class WanSelectionGeneratedCaptureTest {
    @Test
    void learnsAnswerAddressesOnly() throws Exception {
        DeviceView view = new DeviceView(DeviceSelector.parse("wan:192.168.1.150", List.of("devs.plugcloud.example")));
        List<Burst> bursts = new ArrayList<>();
        TrafficStats stats;
        try (PacketSource source = CaptureReaders.open(TestCaptures.file("gen-home-router-dns-tls.pcap"))) {
            stats = DeviceTraffic.run(source, new LinkDecoder(), view, new BurstSegmenter(1_000_000_000L, 1000, bursts::add));
        }
        assertThat(view.cloudAddresses()).contains("34.200.0.10", "34.200.11.10")
                .doesNotContain("205.251.192.10", "34.201.0.11", "192.168.1.1");
        assertThat(stats.devicePackets()).isGreaterThan(100);
        assertThat(bursts).isNotEmpty();
    }
}
