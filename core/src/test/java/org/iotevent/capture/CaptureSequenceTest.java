package org.iotevent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureSequenceTest {
    @TempDir
    Path dir;

    private void writePcap(Path file, long firstNanos, int packets) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); PcapWriter pcap = new PcapWriter(out, LinkType.RAW)) {
            for (int i = 0; i < packets; i++) {
                pcap.write(firstNanos + i * 1_000_000L, new byte[] {0x45, 0, 0, 20, (byte) i});
            }
        }
    }

    private static List<long[]> readAll(PacketSource source) throws IOException {
        List<long[]> out = new ArrayList<>();
        CaptureRecord r = new CaptureRecord();
        while (source.next(r)) {
            out.add(new long[] {r.frameNumber, r.timestampNanos, r.u8(4)});
        }
        return out;
    }

    @Test
    void rotatedFilesReadInTimeOrderAsOneCaptureWithContinuedFrameNumbers() throws IOException {
        // tcpdump -C names the tenth file ".pcap10", which sorts before ".pcap2" by name
        writePcap(dir.resolve("capture-001.pcap10"), 2_000_000_000L, 2);
        writePcap(dir.resolve("capture-001.pcap"), 1_000_000_000L, 3);
        Files.writeString(dir.resolve("events.csv"), "timestamp,event\n1,on\n");
        Files.writeString(dir.resolve("capture-003.pcap"), "");

        try (CaptureSequence seq = CaptureSequence.openDirectory(dir)) {
            assertThat(seq.files()).extracting(p -> p.getFileName().toString())
                    .containsExactly("capture-001.pcap", "capture-001.pcap10");
            List<long[]> records = readAll(seq);
            assertThat(records).extracting(r -> r[0]).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(records).extracting(r -> r[1]).containsExactly(1_000_000_000L, 1_001_000_000L,
                    1_002_000_000L, 2_000_000_000L, 2_001_000_000L);
            assertThat(records).extracting(r -> r[2]).containsExactly(0L, 1L, 2L, 0L, 1L);
        }
    }

    @Test
    void aTornFileGivesItsGoodPacketsIsNamedAndReadingGoesOn() throws IOException {
        writePcap(dir.resolve("a.pcap"), 1_000_000_000L, 2);
        writePcap(dir.resolve("b.pcap"), 2_000_000_000L, 3);
        writePcap(dir.resolve("c.pcap"), 3_000_000_000L, 2);
        Path b = dir.resolve("b.pcap");
        byte[] bytes = Files.readAllBytes(b);
        Files.write(b, java.util.Arrays.copyOf(bytes, bytes.length - 3)); // the power went out in its last record

        List<String> warnings = new ArrayList<>();
        try (CaptureSequence seq = CaptureSequence.openDirectory(dir, warnings::add)) {
            List<long[]> records = readAll(seq);
            assertThat(records).extracting(r -> r[1]).containsExactly(1_000_000_000L, 1_001_000_000L,
                    2_000_000_000L, 2_001_000_000L, 3_000_000_000L, 3_001_000_000L);
            assertThat(records).extracting(r -> r[0]).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        }
        assertThat(warnings).singleElement().asString().startsWith(b + ": cut in the middle of record 3")
                .contains("its 2 packets before were read").endsWith("going on with " + dir.resolve("c.pcap"));
    }

    @Test
    void theSameCaptureTwiceInAFolderIsReadOnce() throws IOException {
        writePcap(dir.resolve("a.pcap"), 1_000_000_000L, 3);
        Files.copy(dir.resolve("a.pcap"), dir.resolve("a-copy.pcap"));
        List<String> warnings = new ArrayList<>();
        try (CaptureSequence seq = CaptureSequence.openDirectory(dir, warnings::add)) {
            assertThat(readAll(seq)).hasSize(3);
        }
        assertThat(warnings).containsExactly(dir.resolve("a.pcap") + " is identical to " + dir.resolve("a-copy.pcap")
                + ": skipped (its packets would count twice)");
    }

    @Test
    void overlappingFilesAreSaid() throws IOException {
        writePcap(dir.resolve("a.pcap"), 1_000_000_000L, 100);
        writePcap(dir.resolve("b.pcap"), 1_050_000_000L, 10);
        List<String> warnings = new ArrayList<>();
        try (CaptureSequence seq = CaptureSequence.openDirectory(dir, warnings::add)) {
            assertThat(readAll(seq)).hasSize(110);
        }
        assertThat(warnings).singleElement().asString().startsWith(dir.resolve("b.pcap") + " begins (")
                .contains("before " + dir.resolve("a.pcap") + " ends").contains("overlap in time");
    }

    @Test
    void aLanAndAWifiCaptureOfOneSessionAreRefused() throws IOException {
        writePcap(dir.resolve("lan.pcap"), 1_000_000_000L, 3);
        try (OutputStream out = Files.newOutputStream(dir.resolve("wifi.pcap"));
                PcapWriter pcap = new PcapWriter(out, LinkType.IEEE802_11_RADIOTAP)) {
            pcap.write(1_000_000_000L, new byte[] {0, 0, 8, 0, 0, 0, 0, 0});
        }
        assertThatThrownBy(() -> CaptureSequence.openDirectory(dir, w -> {}))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageStartingWith(dir + ": captures of different link types (lan.pcap is raw, wifi.pcap is "
                        + "ieee802_11_radiotap)");
    }

    @Test
    void mergingCapturesOfDifferentLinkTypesIsSaid() throws IOException {
        writePcap(dir.resolve("lan.pcap"), 1_000_000_000L, 3);
        try (OutputStream out = Files.newOutputStream(dir.resolve("wifi.pcap"));
                PcapWriter pcap = new PcapWriter(out, LinkType.IEEE802_11_RADIOTAP)) {
            pcap.write(1_500_000_000L, new byte[] {0, 0, 8, 0, 0, 0, 0, 0});
        }
        List<String> warnings = new ArrayList<>();
        try (MergedSource merged = new MergedSource(List.of(CaptureReaders.open(dir.resolve("lan.pcap")),
                CaptureReaders.open(dir.resolve("wifi.pcap"))), warnings::add)) {
            assertThat(readAll(merged)).extracting(r -> r[1]).containsExactly(1_000_000_000L, 1_001_000_000L,
                    1_002_000_000L, 1_500_000_000L);
        }
        assertThat(warnings).containsExactly(dir.resolve("lan.pcap") + " is raw and " + dir.resolve("wifi.pcap")
                + " is ieee802_11_radiotap: if they are two vantage points of one session (a LAN and a WiFi capture), "
                + "each event is counted twice");
    }

    @Test
    void aDirectoryWithoutCapturesIsAClearError() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "nothing here");
        assertThatThrownBy(() -> CaptureSequence.openDirectory(dir))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage(dir + ": no pcap or pcapng file in this directory");
    }
}
