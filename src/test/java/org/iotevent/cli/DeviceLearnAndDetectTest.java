package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.iotevent.campaign.CampaignFolder;
import org.iotevent.campaign.CaptureTool;
import org.iotevent.campaign.EventLog;
import org.iotevent.campaign.LiveTools;
import org.iotevent.campaign.testbed.Testbed;
import org.iotevent.campaign.testbed.TestbedDevice;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.detect.DetectedEvent;
import org.iotevent.detect.Detector;
import org.iotevent.detect.LiveDetector;
import org.iotevent.evaluate.Evaluation;
import org.iotevent.evaluate.Evaluator;
import org.iotevent.signature.LabeledSample;
import org.iotevent.signature.PaperTrainer;
import org.iotevent.signature.TrainedModel;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.DeviceTraffic;
import org.iotevent.traffic.DeviceView;
import org.iotevent.traffic.EventLogReader;
import org.iotevent.traffic.EventPairer;
import org.iotevent.traffic.TrafficStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop on the simulated device (real TLS, miIO over UDP, MQTT through mosquitto, all on
 * loopback): a campaign whose triggers drive it, captured by real tcpdump, trains the paper's
 * classifier, which reaches at least 95 % accuracy on held-out bursts and then labels the
 * device's live traffic on loopback, as tcpdump captures it, burst by burst: every triggered event
 * is reported, and at least 10 of 12 with the right label (the paper's classifier needs a training
 * burst with the same packet count, and loopback TCP sometimes acknowledges separately).
 */
class DeviceLearnAndDetectTest {
    static final int REPETITIONS = 12;
    static final long GAP_NANOS = 250_000_000L;
    static final long WINDOW_NANOS = 500_000_000L;

    @TempDir
    Path dir;

    @Test
    void campaignCaptureTrainsADetectorThatLabelsLiveTraffic() throws Exception {
        CaptureTool tool = LiveTools.assumeTcpdumpOnLoopback();
        try (Testbed bed = Testbed.start(dir, 23)) {
            Path out = runCampaign(bed, dir, REPETITIONS, "500ms");
            assertThat(EventLog.counts(out.resolve(CampaignFolder.EVENTS))).isEqualTo(
                    Testbed.events().stream().collect(Collectors.toMap(e -> e, e -> REPETITIONS)));
            assertRealProtocolsOnTheWire(bed, out.resolve("capture-001.pcap"));
            List<LabeledSample> samples = label(out);
            assertThat(samples).hasSize(Testbed.events().size() * REPETITIONS);

            Evaluator evaluator = new Evaluator(new PaperTrainer(PaperTrainer.DEFAULT_K, 1),
                    k -> new PaperTrainer(new int[] {k}, 1), PaperTrainer.DEFAULT_K);
            Evaluation evaluation = evaluator.evaluate(samples, 20, 1);
            System.out.printf("testbed campaign: %d bursts, accuracy %.4f (20 seeded 80/20 splits, k=%d)%n",
                    samples.size(), evaluation.accuracy(), evaluation.k());
            assertThat(evaluation.accuracy()).isGreaterThanOrEqualTo(0.95);

            TrainedModel model = new PaperTrainer(PaperTrainer.DEFAULT_K, 1).train(samples);
            Detector detector = new Detector(model.classifier(), new HashSet<>(Testbed.events()));
            detectLive(bed, tool, detector);
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

    /** tshark (when installed) finds TLS records, MQTT PUBLISH packets and miIO datagrams of the device. */
    static void assertRealProtocolsOnTheWire(Testbed bed, Path pcap) throws Exception {
        if (CaptureTool.onPath("tshark").isEmpty()) {
            System.out.println("tshark not installed: protocol dissection check skipped");
            return;
        }
        List<String> decodeAs = List.of("-d", "tcp.port==" + bed.tlsPort() + ",tls", "-d", "tcp.port==" + bed.mqttPort() + ",mqtt");
        int tlsData = count(pcap, decodeAs, "tls.record.content_type == 23 && ip.src == " + TestbedDevice.ADDRESS);
        int publishes = count(pcap, decodeAs, "mqtt.msgtype == 3 && ip.src == " + TestbedDevice.ADDRESS);
        int miio = count(pcap, decodeAs, "udp.dstport == " + bed.udpPort() + " && udp.payload[0:2] == 21:31");
        assertThat(tlsData).as("TLS application-data records from the device").isGreaterThanOrEqualTo(8 * REPETITIONS);
        assertThat(publishes).as("MQTT PUBLISH from the device").isEqualTo(2 * REPETITIONS);
        assertThat(miio).as("miIO requests").isEqualTo(2 * REPETITIONS);
    }

    /** Number of packets that tshark's display filter selects. */
    static int count(Path pcap, List<String> decodeAs, String filter) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("tshark", "-r", pcap.toString()));
        cmd.addAll(decodeAs);
        cmd.addAll(List.of("-Y", filter, "-T", "fields", "-e", "frame.number"));
        String out = LiveTools.run(cmd);
        return (int) out.lines().filter(l -> l.matches("\\d+")).count();
    }
    /** Pairs the campaign's bursts with its event log: the training samples. */
    static List<LabeledSample> label(Path campaignDir) throws IOException {
        EventPairer pairer = new EventPairer(EventLogReader.read(campaignDir.resolve("events.csv")), WINDOW_NANOS);
        List<LabeledSample> samples = new ArrayList<>();
        BurstSegmenter segmenter = new BurstSegmenter(GAP_NANOS, BurstSegmenter.DEFAULT_MAX_PACKETS,
                burst -> samples.add(new LabeledSample(pairer.pair(burst).label(), burst.signedLengths())));
        DeviceView view = new DeviceView(DeviceSelector.parse(TestbedDevice.ADDRESS, List.of()));
        try (var files = Files.list(campaignDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("capture-\\d{3}\\.pcap\\d*")).sorted().toList()) {
                try (PacketSource source = CaptureReaders.open(f)) {
                    DeviceTraffic.run(source, new LinkDecoder(), view, segmenter);
                }
            }
        }
        return samples;
    }

    /** Triggers every event twice in a seeded order while LiveDetector watches lo. */
    static void detectLive(Testbed bed, CaptureTool tool, Detector detector) throws Exception {
        BlockingQueue<DetectedEvent> detections = new LinkedBlockingQueue<>();
        List<Long> latencyMillis = Collections.synchronizedList(new ArrayList<>());
        BurstSegmenter segmenter = new BurstSegmenter(GAP_NANOS, BurstSegmenter.DEFAULT_MAX_PACKETS, burst -> {
            java.time.Instant now = java.time.Instant.now();
            latencyMillis.add((now.getEpochSecond() * 1_000_000_000L + now.getNano() - burst.endNanos()) / 1_000_000);
            detections.add(detector.detect(burst));
        });
        LiveDetector live = new LiveDetector(new LinkDecoder(),
                new DeviceView(DeviceSelector.parse(TestbedDevice.ADDRESS, List.of())), segmenter, () -> { });
        CompletableFuture<TrafficStats> running = CompletableFuture.supplyAsync(() -> {
            try {
                return live.runCapture(tool, "lo", "host " + TestbedDevice.ADDRESS, new LiveDetector.Listener() {
                    @Override
                    public void captureStopped(String reason, long lastPacketNanos) {
                        detections.add(new DetectedEvent(0, 0, 0, 0, 1, "capture stopped: " + reason, false, 0));
                    }

                    @Override
                    public void captureRestarted(Duration downtime) {}
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            Thread.sleep(1000);
            List<String> triggered = new ArrayList<>(Testbed.events());
            triggered.addAll(Testbed.events());
            Collections.shuffle(triggered, new Random(99));
            List<String> reported = new ArrayList<>();
            for (String event : triggered) {
                assertThat(bed.trigger(event)).isEqualTo("ok");
                DetectedEvent d = detections.poll(10, TimeUnit.SECONDS);
                assertThat(d).as("a detection for %s while the capture keeps running", event).isNotNull();
                reported.add(d.event());
                Thread.sleep(100);
            }
            long right = 0;
            for (int i = 0; i < triggered.size(); i++) {
                right += triggered.get(i).equals(reported.get(i)) ? 1 : 0;
            }
            List<Long> sorted = new ArrayList<>(latencyMillis);
            Collections.sort(sorted);
            System.out.printf("live detection: %d of %d triggered events labelled right; latency after the burst's last "
                    + "packet: median %d ms, max %d ms (a = %d ms)%n", right, triggered.size(), sorted.get(sorted.size() / 2),
                    sorted.get(sorted.size() - 1), GAP_NANOS / 1_000_000);
            assertThat(right).as("triggered %s, reported %s", triggered, reported).isGreaterThanOrEqualTo(triggered.size() - 2);
        } finally {
            live.stop();
            running.get(20, TimeUnit.SECONDS);
        }
    }
}
