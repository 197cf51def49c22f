package org.iotevent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.LinkType;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.PcapWriter;
import org.iotevent.traffic.DeviceSelector;
import org.junit.jupiter.api.Test;

class DetectionPipelineTest {
    static final String PLUG = "127.0.0.2";
    static final long T0 = DetectorTest.T0;
    static final long A = 1_000_000_000L;

    @Test
    void aPacketClosesTheBurstBeforeItAndTheFlushTheLast() {
        DeviceDetector plug = new DeviceDetector(DetectorTest.detector(), A);
        assertThat(plug.packet(T0, 1, -236)).isNull();
        assertThat(plug.packet(T0 + 100_000_000L, 2, 171)).isNull();
        assertThat(plug.openStartNanos()).isEqualTo(T0);
        DetectedEvent on = plug.packet(T0 + 5 * A, 3, -250);
        assertThat(on.event()).isEqualTo("ON");
        assertThat(on.privacy()).isTrue();
        assertThat(on.firstFrame()).isEqualTo(1);
        assertThat(on.lastFrame()).isEqualTo(2);
        assertThat(plug.advance(T0 + 5 * A + A / 2)).as("a has not passed yet").isNull();
        assertThat(plug.packet(T0 + 5 * A + A / 2, 4, 171)).isNull();
        DetectedEvent off = plug.advance(T0 + 7 * A);
        assertThat(off.event()).isEqualTo("OFF");
        assertThat(off.packets()).isEqualTo(2);
        assertThat(plug.flush()).as("nothing open").isNull();
        assertThat(plug.openStartNanos()).isEqualTo(Long.MAX_VALUE);
    }

    /** The pipeline over a capture labels the same bursts as the per-device step fed by hand. */
    @Test
    void pipelineOverACaptureDetectsWhatThePerDeviceStepDoes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int[][] packets = {{0, -236}, {100, 171}, {5000, -250}, {5500, 171}, {5600, 0}, {9000, -60}};
        DeviceDetector byHand = new DeviceDetector(DetectorTest.detector(), A);
        List<DetectedEvent> expected = new ArrayList<>();
        try (PcapWriter pcap = new PcapWriter(bytes, LinkType.RAW)) {
            long frame = 0;
            for (int[] p : packets) {
                long t = T0 + p[0] * 1_000_000L;
                frame++;
                if (p[1] == 0) {
                    // another host's packet: moves packet time only
                    pcap.write(t, LiveDetectorTest.udp("127.0.0.7", "127.0.0.1", 40));
                    add(expected, byHand.advance(t));
                    continue;
                }
                int length = Math.abs(p[1]);
                pcap.write(t, p[1] < 0 ? LiveDetectorTest.udp(PLUG, "127.0.0.1", length)
                        : LiveDetectorTest.udp("127.0.0.1", PLUG, length));
                add(expected, byHand.packet(t, frame, p[1]));
            }
        }
        add(expected, byHand.flush());

        StringWriter out = new StringWriter();
        List<Detection> heard = new ArrayList<>();
        DetectionPipeline pipeline = new DetectionPipeline(List.of(new DetectionPipeline.Device("plug",
                DeviceSelector.parse(PLUG, List.of()), DetectorTest.detector(), A)), DetectionFormat.CSV.open(out))
                .listener((device, d) -> heard.add(d));
        try (PacketSource source = CaptureReaders.open("-", new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(pipeline.run(source).get(0).devicePackets()).isEqualTo(5);
        }
        assertThat(heard).extracting(Detection::event).containsExactlyElementsOf(expected);
        assertThat(expected).extracting(DetectedEvent::event).containsExactly("ON", "OFF", "other");
        assertThat(heard).extracting(Detection::peerAddress).containsOnly("127.0.0.1");
        assertThat(out.toString().lines()).hasSize(1 + 3);
    }

    /** Each burst is named after its own largest packet's peer, also when a device has more peers than are kept as strings. */
    @Test
    void eachBurstGetsItsOwnPeerAmongManyPeers() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        try (PcapWriter pcap = new PcapWriter(bytes, LinkType.RAW)) {
            for (int b = 0; b < 40; b++) {
                long t = T0 + b * 5 * A;
                String peer = "10.0.0." + (b * 7 % 13); // 13 peers, revisited out of order
                String small = "10.1.0." + b;
                pcap.write(t, LiveDetectorTest.udp(PLUG, small, 60));
                pcap.write(t + 1_000_000L, LiveDetectorTest.udp(peer, PLUG, 300));
                expected.add(peer);
            }
        }
        List<Detection> heard = new ArrayList<>();
        DetectionPipeline pipeline = new DetectionPipeline(List.of(new DetectionPipeline.Device("plug",
                DeviceSelector.parse(PLUG, List.of()), DetectorTest.detector(), A)), DetectionFormat.CSV.open(new StringWriter()))
                .listener((device, d) -> heard.add(d));
        try (PacketSource source = CaptureReaders.open("-", new ByteArrayInputStream(bytes.toByteArray()))) {
            pipeline.run(source);
        }
        assertThat(heard).extracting(Detection::peerAddress).containsExactlyElementsOf(expected);
    }

    private static void add(List<DetectedEvent> out, DetectedEvent e) {
        if (e != null) {
            out.add(e);
        }
    }
}
