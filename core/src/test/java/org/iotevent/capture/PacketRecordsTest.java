package org.iotevent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.sim.HomeReader;
import org.iotevent.sim.HomeSimulator;
import org.iotevent.sim.Panel;
import org.iotevent.sim.SimulationOptions;
import org.iotevent.sim.Vantage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packet records of iotevent publish, and the folder of homes it and the Flink job read. */
class PacketRecordsTest {
    @TempDir
    Path dir;

    @Test
    void everyFrameOfTheTestCapturesSurvivesEncodingAndDecoding() throws Exception {
        int frames = 0;
        for (Path file : TestCaptures.all()) {
            try (PacketSource s = CaptureReaders.open(file)) {
                CaptureRecord r = new CaptureRecord();
                CaptureRecord back = new CaptureRecord();
                while (s.next(r)) {
                    if (!r.hasTimestamp || r.timestampNanos == Long.MAX_VALUE || r.timestampNanos == Long.MIN_VALUE) {
                        continue;
                    }
                    PacketRecords.decode(PacketRecords.encode(r), back);
                    assertThat(List.of(back.linkType, back.fcsLength, back.timestampNanos, back.frameNumber,
                            back.capturedLength, back.copyBytes().length)).as("%s frame %d", file, r.frameNumber)
                            .isEqualTo(List.of(r.linkType, r.fcsLength, r.timestampNanos, r.frameNumber, r.capturedLength,
                                    r.capturedLength));
                    assertThat(back.copyBytes()).isEqualTo(r.copyBytes());
                    assertThat(back.wireLength).isEqualTo(Math.min(Integer.MAX_VALUE, r.wireLength));
                    frames++;
                }
            } catch (CaptureFormatException damaged) {
                // the damaged test captures: their good frames were compared
            }
        }
        assertThat(frames).isGreaterThan(1000);
    }

    @Test
    void aMessageThatIsNotAPacketRecordIsRefusedWithTheReason() {
        CaptureRecord r = new CaptureRecord();
        assertThatThrownBy(() -> PacketRecords.decode(new byte[5], r)).hasMessage("5 bytes, shorter than the 32-byte header");
        assertThatThrownBy(() -> PacketRecords.decode(new byte[40], r))
                .hasMessage("magic 0x00000000 at offset 0, expected 0x49455031 (\"IEP1\")");
        byte[] ok = ByteBuffer.allocate(40).putInt(PacketRecords.MAGIC).putInt(1).putInt(-1).putLong(5).putLong(1).putInt(8)
                .array();
        PacketRecords.decode(ok, r);
        assertThat(r.capturedLength).isEqualTo(8);
        byte[] frame0 = ok.clone();
        ByteBuffer.wrap(frame0).putLong(20, 0);
        assertThatThrownBy(() -> PacketRecords.decode(frame0, r)).hasMessage("frame number 0 at offset 20, expected >= 1");
        byte[] shortWire = ok.clone();
        ByteBuffer.wrap(shortWire).putInt(28, 3);
        assertThatThrownBy(() -> PacketRecords.decode(shortWire, r))
                .hasMessage("wire length 3 at offset 28, shorter than the 8 captured bytes");
        assertThatThrownBy(() -> PacketRecords.decode(null, r)).hasMessage("no value (a tombstone)");
    }

    /**
     * More homes than are mapped at once are read through a buffer each: every home's packets come
     * as reading it alone (mapped) gives them, on the common timeline.
     */
    @Test
    void manyHomesReadThroughBuffersGiveEachHomesPackets() throws Exception {
        for (Panel.Member m : simulateHomes(5, 120)) {
            Files.copy(dir.resolve(m.id()).resolve("lan.pcap"), dir.resolve("loose-" + m.id() + ".pcap"));
        }
        List<HomeCaptures.HomeCapture> homes = HomeCaptures.list(dir);
        assertThat(homes).hasSize(6);
        assertThat(FileAccess.forFilesAtOnce(homes.size())).isEqualTo(FileAccess.BUFFERED);
        java.util.Map<String, List<String>> merged = new java.util.HashMap<>();
        long[] last = {Long.MIN_VALUE};
        HomeCaptures.merge(homes, (home, record, timeline) -> {
            assertThat(timeline).as("timeline order").isGreaterThanOrEqualTo(last[0]);
            last[0] = timeline;
            merged.computeIfAbsent(home, h -> new ArrayList<>()).add(packet(record, timeline));
        });
        for (HomeCaptures.HomeCapture h : homes) {
            List<String> alone = new ArrayList<>();
            try (PacketSource source = h.open(FileAccess.MAPPED)) {
                HomeCaptures.replay(h.id(), source, (home, record, timeline) -> alone.add(packet(record, timeline)));
            }
            assertThat(alone).as(h.id()).hasSizeGreaterThan(100);
            assertThat(merged.get(h.id())).as(h.id()).isEqualTo(alone);
        }
    }

    /** A panel of three homes (LAN captures of {@code seconds}) simulated into {@link #dir}, a folder each. */
    private List<Panel.Member> simulateHomes(long seed, long seconds) throws Exception {
        SimulationOptions o = SimulationOptions.defaults(seed).withDurationNanos(seconds * 1_000_000_000L)
                .withVantages(java.util.EnumSet.of(Vantage.LAN));
        List<Panel.Member> members = Panel.members(HomeReader.defaultHome(), 3, o);
        for (Panel.Member m : members) {
            HomeSimulator.run(m.home(), m.options(), dir.resolve(m.id()));
        }
        return members;
    }

    /** A packet as the tests compare it: its place on the timeline, frame number and bytes. */
    private static String packet(CaptureRecord r, long timeline) {
        byte[] bytes = new byte[r.capturedLength];
        r.data.get(r.dataOffset, bytes);
        return timeline + " #" + r.frameNumber + " " + java.util.HexFormat.of().formatHex(bytes);
    }

    @Test
    void homesAreReadTogetherOnTheCommonTimeline() throws Exception {
        List<Panel.Member> members = simulateHomes(3, 300);
        Files.copy(dir.resolve("home-0003").resolve("lan.pcap"), dir.resolve("loose.pcap"));
        Files.writeString(dir.resolve("notes.txt"), "not a capture");
        List<HomeCaptures.HomeCapture> homes = HomeCaptures.list(dir);
        assertThat(homes).extracting(HomeCaptures.HomeCapture::id).containsExactly("home-0001", "home-0002", "home-0003", "loose");
        List<String> order = new ArrayList<>();
        long[] last = {Long.MIN_VALUE};
        long[] perHome = new long[4];
        long n = HomeCaptures.merge(homes, (home, record, timeline) -> {
            assertThat(timeline).as("timeline order").isGreaterThanOrEqualTo(last[0]);
            last[0] = timeline;
            perHome[homes.stream().map(HomeCaptures.HomeCapture::id).toList().indexOf(home)]++;
            if (order.size() < 4 && !order.contains(home)) {
                order.add(home);
            }
        });
        // the clocks differ by minutes, yet every home starts at 0 and they interleave from the start
        assertThat(members.get(0).options().startNanos()).isNotEqualTo(members.get(1).options().startNanos());
        assertThat(order).hasSize(4);
        assertThat(java.util.Arrays.stream(perHome).min().getAsLong()).isGreaterThan(100);
        assertThat(perHome[2]).isEqualTo(perHome[3]);
        assertThat(n).isEqualTo(perHome[0] + perHome[1] + perHome[2] + perHome[3]);
        assertThatThrownBy(() -> HomeCaptures.list(dir.resolve("home-0001").resolve("events")))
                .hasMessageEndingWith("no home in this folder (a capture file or a subfolder of capture files per home)");
    }
}
