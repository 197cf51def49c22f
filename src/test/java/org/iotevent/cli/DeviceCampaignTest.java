package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.iotevent.campaign.CampaignFolder;
import org.iotevent.campaign.CaptureTool;
import org.iotevent.campaign.EventLog;
import org.iotevent.campaign.LiveTools;
import org.iotevent.campaign.testbed.Testbed;
import org.iotevent.campaign.testbed.TestbedDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign whose triggers drive the simulated device (real TLS, miIO over UDP, MQTT through
 * mosquitto, all on loopback), captured by real tcpdump.
 */
class DeviceCampaignTest {
    static final int REPETITIONS = 3;

    @TempDir
    Path dir;

    @Test
    void campaignDrivesTheDeviceAndCapturesEveryExchange() throws Exception {
        LiveTools.assumeTcpdumpOnLoopback();
        try (Testbed bed = Testbed.start(dir, 11)) {
            Path out = runCampaign(bed, dir, REPETITIONS, "700ms");
            Map<String, Integer> counts = EventLog.counts(out.resolve(CampaignFolder.EVENTS));
            assertThat(counts).isEqualTo(Testbed.events().stream().collect(Collectors.toMap(e -> e, e -> REPETITIONS)));
            Path pcap = out.resolve("capture-001.pcap");
            if (CaptureTool.onPath("tshark").isPresent()) {
                List<String> decodeAs = List.of("-d", "tcp.port==" + bed.tlsPort() + ",tls", "-d",
                        "tcp.port==" + bed.mqttPort() + ",mqtt");
                int tlsData = count(pcap, decodeAs, "tls.record.content_type == 23 && ip.src == 127.0.0.2");
                int publishes = count(pcap, decodeAs, "mqtt.msgtype == 3 && ip.src == 127.0.0.2");
                int miio = count(pcap, decodeAs, "udp.dstport == " + bed.udpPort() + " && udp.payload[0:2] == 21:31");
                assertThat(tlsData).as("TLS application-data records from the device").isGreaterThanOrEqualTo(4 * REPETITIONS);
                assertThat(publishes).as("MQTT PUBLISH from the device").isEqualTo(2 * REPETITIONS);
                assertThat(miio).as("miIO requests").isEqualTo(2 * REPETITIONS);
            }
        }
    }

    /**
     * Runs a campaign over every event of the testbed's device through the CLI, capturing on lo,
     * and returns its folder after checking that it finished.
     */
    static Path runCampaign(Testbed bed, Path dir, int repetitions, String interval) throws Exception {
        StringBuilder y = new StringBuilder("""
                name: testbed
                device: {address: %s}
                interface: lo
                repetitions: %d
                interval: %s
                settle: 500ms
                seed: 5
                trigger_timeout: 10s
                events:
                """.formatted(TestbedDevice.ADDRESS, repetitions, interval));
        for (String e : Testbed.events()) {
            y.append("  - name: ").append(e).append("\n    trigger: ").append(bed.triggerYaml(e)).append('\n');
        }
        Path campaign = dir.resolve("testbed.yaml");
        Files.writeString(campaign, y);
        Path out = dir.resolve("out");
        CaptureCommandTest.Result r = CaptureCommandTest.run("capture", "--campaign", campaign.toString(), "-o",
                out.toString(), "--progress", "lines");
        assertThat(r.exit()).as(r.err()).isZero();
        return out;
    }

    /** Number of packets that tshark's display filter selects. */
    static int count(Path pcap, List<String> decodeAs, String filter) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("tshark", "-r", pcap.toString()));
        cmd.addAll(decodeAs);
        cmd.addAll(List.of("-Y", filter, "-T", "fields", "-e", "frame.number"));
        String out = LiveTools.run(cmd);
        return (int) out.lines().filter(l -> l.matches("\\d+")).count();
    }
}
