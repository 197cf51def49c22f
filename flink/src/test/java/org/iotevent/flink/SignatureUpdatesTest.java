package org.iotevent.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketRecords;
import org.iotevent.capture.PacketSource;
import org.iotevent.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures as broadcast state, on Flink's operator harness: a signature published while the job
 * runs adds or changes a device at once, a bad one is refused with its message and the previous
 * one stays; and the state survives a snapshot and restore.
 */
class SignatureUpdatesTest {
    @TempDir
    Path dir;

    @Test
    void aNewSignatureTakesEffectABadOneIsRefusedAndTheStateIsCheckpointed() throws Exception {
        Path sim = dir.resolve("sim");
        assertThat(Main.newCommandLine().execute("simulate", "--hours", "0.5", "--vantage", "lan", "--seed", "3", "-o",
                sim.toString())).isZero();
        Path plug = dir.resolve("tuya-plug.json");
        Path lamp = dir.resolve("tuya-lamp.json");
        assertThat(Main.newCommandLine().execute("train", "-r", sim.resolve("lan.pcap").toString(), "--events",
                sim.resolve("events/tuya-plug.csv").toString(), "--device", "192.168.1.104", "-o", plug.toString())).isZero();
        assertThat(Main.newCommandLine().execute("train", "-r", sim.resolve("lan.pcap").toString(), "--events",
                sim.resolve("events/tuya-lamp.csv").toString(), "--device", "192.168.1.103", "-o", lamp.toString())).isZero();
        List<RawPacket> packets = new java.util.ArrayList<>();
        try (PacketSource s = CaptureReaders.open(sim.resolve("lan.pcap"))) {
            CaptureRecord r = new CaptureRecord();
            while (s.next(r)) {
                packets.add(new RawPacket("home-1", PacketRecords.encode(r), r.timestampNanos / 1_000_000));
            }
        }
        int q = packets.size() / 4;
        assertThat(q).isGreaterThan(300);
        SelectDevices select = new SelectDevices(Map.of("tuya-plug", Files.readAllBytes(plug)), 0);
        var snapshot = (org.apache.flink.runtime.checkpoint.OperatorSubtaskState) null;
        try (KeyedBroadcastOperatorTestHarness<String, RawPacket, SignatureUpdate, DevicePacket> h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(select, HomeSelection::home, Types.STRING,
                        Watchlist.STATE)) {
            feed(h, packets.subList(0, q));
            assertThat(devices(h)).containsExactly("tuya-plug");

            h.processBroadcastElement(new SignatureUpdate("tuya-plug", "{\"format\": 1".getBytes(StandardCharsets.UTF_8)), 1);
            assertThat(h.getSideOutput(HomeSelection.REFUSED)).extracting(StreamRecord::getValue).singleElement()
                    .asString().startsWith("refused, the previous signature of tuya-plug stays: signature tuya-plug: ");
            h.getOutput().clear();
            feed(h, packets.subList(q, 2 * q));
            assertThat(devices(h)).as("the previous signature stays in force").containsExactly("tuya-plug");

            h.processBroadcastElement(new SignatureUpdate("tuya-lamp", Files.readAllBytes(lamp)), 2);
            h.getOutput().clear();
            feed(h, packets.subList(2 * q, 3 * q));
            assertThat(devices(h)).as("taken up without a restart").containsExactly("tuya-lamp", "tuya-plug");
            snapshot = h.snapshot(1, 3);
        }
        SelectDevices restored = new SelectDevices(Map.of("tuya-plug", Files.readAllBytes(plug)), 0);
        try (KeyedBroadcastOperatorTestHarness<String, RawPacket, SignatureUpdate, DevicePacket> h =
                new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(restored, List.of(Watchlist.STATE)),
                        HomeSelection::home, Types.STRING, 1, 1, 0)) {
            h.setup();
            h.initializeState(snapshot);
            h.open();
            feed(h, packets.subList(3 * q, 4 * q));
            assertThat(devices(h)).as("after a restore from the checkpoint").containsExactly("tuya-lamp", "tuya-plug");
        }
    }

    private static void feed(KeyedBroadcastOperatorTestHarness<String, RawPacket, SignatureUpdate, DevicePacket> h, List<RawPacket> packets)
            throws Exception {
        for (RawPacket p : packets) {
            h.processElement(p, p.timeline);
        }
    }

    private static List<String> devices(KeyedBroadcastOperatorTestHarness<String, RawPacket, SignatureUpdate, DevicePacket> h) {
        return h.extractOutputValues().stream().map(p -> p.device).distinct().sorted().toList();
    }
}
