package org.iotevent.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketRecords;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.signature.SignatureFile;
import org.iotevent.traffic.DeviceView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device selection's state survives a restart: on the WAN side a device's packets are known
 * by the cloud addresses learnt from DNS answers (and server names). The job is stopped right after
 * the DNS answer and before the device's first packet, restarted from that checkpoint, and its
 * detections still equal {@code iotevent detect}'s on the whole capture, every field; restarted
 * without the learnt addresses, they would not.
 */
class SelectionStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void cloudAddressesLearntBeforeACheckpointStillSelectAfterTheRestart() throws Exception {
        Path sim = dir.resolve("sim");
        DetectionJobTest.cli("simulate", "--hours", "0.5", "--vantage", "wan", "--seed", "3", "-o", sim.toString());
        JsonNode plug = null;
        JsonNode truth = JSON.readTree(sim.resolve("truth.json").toFile());
        for (JsonNode d : truth.get("devices")) {
            if (d.get("name").asText().equals("tuya-plug")) {
                plug = d;
            }
        }
        String domain = plug.get("domains").fieldNames().next();
        Path signature = dir.resolve("tuya-plug.json");
        DetectionJobTest.cli("train", "-r", sim.resolve("wan.pcap").toString(), "--events",
                sim.resolve("events/tuya-plug.csv").toString(), "--device",
                "wan:" + truth.get("router_wan_address").asText(), "--cloud", domain, "-o", signature.toString());
        Path cliOut = dir.resolve("cli.jsonl");
        DetectionJobTest.cli("detect", "-q", "-r", sim.resolve("wan.pcap").toString(), "-s", signature.toString(),
                "--format", "jsonl", "-o", cliOut.toString());
        List<String> expected = DetectionJobTest.comparable(Files.readAllLines(cliOut));
        assertThat(expected).hasSizeGreaterThan(10);

        List<RawPacket> packets = new ArrayList<>();
        try (PacketSource s = CaptureReaders.open(sim.resolve("wan.pcap"))) {
            CaptureRecord r = new CaptureRecord();
            while (s.next(r)) {
                packets.add(new RawPacket("home-1", PacketRecords.encode(r), r.timestampNanos / 1_000_000));
            }
        }
        // the restart point: the device's first packet, the cloud's address learnt before it
        byte[] json = Files.readAllBytes(signature);
        DeviceView view = new DeviceView(SignatureFile.parse(json, "tuya-plug").device());
        int given = view.cloudCount();
        int cut = -1;
        LinkDecoder decoder = new LinkDecoder();
        DecodedPacket decoded = new DecodedPacket();
        CaptureRecord record = new CaptureRecord();
        for (int i = 0; i < packets.size() && cut < 0; i++) {
            PacketRecords.decode(packets.get(i).value, record);
            decoder.decode(record, decoded);
            if (view.signedLength(decoded) != 0) {
                cut = i;
            }
        }
        assertThat(cut).as("the device's first packet").isPositive();
        assertThat(view.cloudCount()).as("the cloud's address learnt from the traffic before it").isGreaterThan(given);

        Map<String, byte[]> initial = Map.of("tuya-plug", json);
        List<String> restarted = new ArrayList<>();
        OperatorSubtaskState checkpoint;
        try (var h = harness(initial, null)) {
            feed(h, packets.subList(0, cut));
            checkpoint = h.snapshot(1, 1);
            h.extractOutputValues().forEach(d -> restarted.add(d.json));
        }
        try (var h = harness(initial, checkpoint)) {
            feed(h, packets.subList(cut, packets.size()));
            h.processWatermark(Long.MAX_VALUE); // the end of the input closes every burst
            h.extractOutputValues().forEach(d -> restarted.add(d.json));
        }
        assertThat(DetectionJobTest.comparable(restarted)).as("restarted from the checkpoint").isEqualTo(expected);

        List<String> forgetful = new ArrayList<>();
        try (var h = harness(initial, null)) {
            feed(h, packets.subList(cut, packets.size()));
            h.processWatermark(Long.MAX_VALUE);
            h.extractOutputValues().forEach(d -> forgetful.add(d.json));
        }
        assertThat(DetectionJobTest.comparable(forgetful)).as("restarted without what was learnt").isNotEqualTo(expected);
    }

    /**
     * A packet copied by the capture (a mirror port sending the frame twice) is dropped as a
     * duplicate also when a checkpoint falls between the original and its copy: the views' memory
     * of their last packets is part of the checkpoint, so the job restarted from it drops the copy
     * as the CLI does, and its detections still equal the CLI's on the capture without the copy.
     */
    @Test
    void aDuplicateStraddlingARestartIsStillDropped() throws Exception {
        Path sim = dir.resolve("sim");
        DetectionJobTest.cli("simulate", "--hours", "0.25", "--vantage", "lan", "--seed", "4", "-o", sim.toString());
        String address = null;
        for (JsonNode d : JSON.readTree(sim.resolve("truth.json").toFile()).get("devices")) {
            if (d.get("name").asText().equals("tuya-plug")) {
                address = d.get("address").asText();
            }
        }
        Path signature = dir.resolve("tuya-plug.json");
        DetectionJobTest.cli("train", "-r", sim.resolve("lan.pcap").toString(), "--events",
                sim.resolve("events/tuya-plug.csv").toString(), "--device", address, "-o", signature.toString());
        Path cliOut = dir.resolve("cli.jsonl");
        DetectionJobTest.cli("detect", "-q", "-r", sim.resolve("lan.pcap").toString(), "-s", signature.toString(),
                "--format", "jsonl", "-o", cliOut.toString());
        List<String> expected = DetectionJobTest.comparable(Files.readAllLines(cliOut));
        assertThat(expected).hasSizeGreaterThan(10);

        // the copy: of the device's packet in the middle of its 20th burst, 100 µs later, the same frame number
        byte[] json = Files.readAllBytes(signature);
        DeviceView view = new DeviceView(SignatureFile.parse(json, "tuya-plug").device());
        long gap = SignatureFile.parse(json, "tuya-plug").gapNanos();
        List<RawPacket> packets = new ArrayList<>();
        int original = -1;
        byte[] copy = null;
        try (PacketSource s = CaptureReaders.open(sim.resolve("lan.pcap"))) {
            CaptureRecord r = new CaptureRecord();
            LinkDecoder decoder = new LinkDecoder();
            DecodedPacket decoded = new DecodedPacket();
            long last = Long.MIN_VALUE;
            int bursts = 0;
            while (s.next(r)) {
                packets.add(new RawPacket("home-1", PacketRecords.encode(r), r.timestampNanos / 1_000_000));
                decoder.decode(r, decoded);
                if (view.signedLength(decoded) != 0) {
                    boolean within = r.timestampNanos - last <= gap;
                    bursts += within ? 0 : 1;
                    if (bursts == 20 && within && copy == null) {
                        original = packets.size() - 1;
                        r.timestampNanos += 100_000;
                        copy = PacketRecords.encode(r);
                    }
                    last = r.timestampNanos;
                }
            }
        }
        assertThat(copy).as("a packet inside a burst").isNotNull();
        packets.add(original + 1, new RawPacket("home-1", copy, packets.get(original).timeline));

        Map<String, byte[]> initial = Map.of("tuya-plug", json);
        List<String> uninterrupted = new ArrayList<>();
        try (var h = harness(initial, null)) {
            feed(h, packets);
            h.processWatermark(Long.MAX_VALUE);
            h.extractOutputValues().forEach(d -> uninterrupted.add(d.json));
        }
        assertThat(DetectionJobTest.comparable(uninterrupted)).as("the copy dropped in one run").isEqualTo(expected);

        List<String> restarted = new ArrayList<>();
        OperatorSubtaskState checkpoint;
        try (var h = harness(initial, null)) {
            feed(h, packets.subList(0, original + 1));
            checkpoint = h.snapshot(1, 1);
            h.extractOutputValues().forEach(d -> restarted.add(d.json));
        }
        try (var h = harness(initial, checkpoint)) {
            feed(h, packets.subList(original + 1, packets.size()));
            h.processWatermark(Long.MAX_VALUE);
            h.extractOutputValues().forEach(d -> restarted.add(d.json));
        }
        assertThat(DetectionJobTest.comparable(restarted)).as("restarted between the original and its copy")
                .isEqualTo(expected);
    }

    private static KeyedBroadcastOperatorTestHarness<String, RawPacket, SignatureUpdate, Detected> harness(
            Map<String, byte[]> initial, OperatorSubtaskState restore) throws Exception {
        var h = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(new HomeDetector(initial, 0),
                List.of(Watchlist.STATE)), HomeSelection::home, Types.STRING, 1, 1, 0);
        h.setup();
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    /** Feeds the packets in their order, on the home's timeline. */
    private static void feed(KeyedBroadcastOperatorTestHarness<String, RawPacket, SignatureUpdate, Detected> h,
            List<RawPacket> packets) throws Exception {
        for (RawPacket p : packets) {
            h.processElement(p, p.timeline);
        }
    }
}
