package org.iotevent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureReadersTest {
    @TempDir
    Path dir;

    @Test
    void formatComesFromTheMagicNumberNotTheName() throws IOException {
        byte[] pcapng = CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).shb().idb(1, 0, new byte[0])
                .epb(0, 0, 4, new byte[4]).bytes();
        Path misnamed = dir.resolve("really-pcapng.pcap");
        Files.write(misnamed, pcapng);
        try (PacketSource source = CaptureReaders.open(misnamed)) {
            assertThat(source).isInstanceOf(PcapngReader.class);
            assertThat(source.name()).isEqualTo(misnamed.toString());
        }
        byte[] pcap = CaptureBytes.in(ByteOrder.BIG_ENDIAN).pcapHeader(PcapReader.MAGIC_NANOS, 2, 100, 1).bytes();
        Path other = dir.resolve("capture.pcapng");
        Files.write(other, pcap);
        try (PacketSource source = CaptureReaders.open(other)) {
            assertThat(source).isInstanceOf(PcapReader.class);
        }
    }

    /**
     * A file read among many (or for its first record: a folder's check) goes through a buffer,
     * plain or gzip, with no mapped windows; read alone, it is mapped.
     */
    @Test
    void bufferedAccessReadsWithoutMappedWindowsPlainOrGzip() throws IOException {
        CaptureBytes bytes = CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 2, 262_144, 1);
        for (int i = 0; i < 3; i++) {
            bytes.pcapRecord(1_700_000_000 + i, 250_000, 60, new byte[60]);
        }
        byte[] jumbo = new byte[200_000]; // longer than the buffer's first 64 KiB
        jumbo[199_999] = 7;
        bytes.pcapRecord(1_700_000_003, 0, jumbo.length, jumbo);
        Path plain = dir.resolve("home.pcap");
        Files.write(plain, bytes.bytes());
        Path gzip = dir.resolve("home.pcap.gz");
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(bytes.bytes());
        }
        for (Path file : List.of(plain, gzip)) {
            CaptureRecord first = new CaptureRecord();
            try (PacketSource source = FileAccess.BUFFERED.open(file)) {
                assertThat(source.name()).isEqualTo(file.toString());
                assertThat(source.next(first)).isTrue();
                assertThat(((FramedReader) source).in).isNotInstanceOf(MappedFileInput.class);
            }
            try (PacketSource whole = FileAccess.MAPPED.open(file)) {
                assertThat(((FramedReader) whole).in).isInstanceOf(file == plain ? MappedFileInput.class : StreamInput.class);
            }
            assertThat(first.timestampNanos).isEqualTo(1_700_000_000_250_000_000L);
            assertThat(first.capturedLength).isEqualTo(60);
            assertThat(first.frameNumber).isEqualTo(1);
            Records buffered = Records.readAll(() -> FileAccess.BUFFERED.open(file));
            assertThat(buffered.error()).isNull();
            assertThat(buffered.rows()).hasSize(4).isEqualTo(Records.readAll(() -> FileAccess.MAPPED.open(file)).rows());
        }
    }

    @Test
    void emptyInputThrows() {
        assertThatThrownBy(() -> CaptureReaders.open("-", new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("-: empty input, too short for a pcap or pcapng header");
    }

    @Test
    void unknownMagicThrowsNamingWhatWasExpected() throws IOException {
        Path text = dir.resolve("notes.pcap");
        Files.writeString(text, "hello, world\n");
        assertThatThrownBy(() -> CaptureReaders.open(text)).isInstanceOf(CaptureFormatException.class)
                .hasMessage(text + ": not a pcap or pcapng capture: magic number 0x68656c6c at offset 0, expected"
                        + " 0xa1b2c3d4 or 0xa1b23c4d (pcap, either byte order) or 0x0a0d0d0a (pcapng)");
    }

    @Test
    void aDamagedGzipHeaderIsNamed() {
        byte[] gzip = {0x1f, (byte) 0x8b, 7, 0, 0, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> CaptureReaders.open("cap.pcap.gz", new ByteArrayInputStream(gzip)))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageStartingWith("cap.pcap.gz: gzip-compressed, but its gzip header is damaged: ");
    }

    @Test
    void streamDeliversEachPacketAsSoonAsItArrives() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(writer, 1 << 16);
        byte[] header = CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 2, 65535, 1).bytes();
        byte[] record = CaptureBytes.in(ByteOrder.LITTLE_ENDIAN).pcapRecord(1, 2, 60, CaptureBytes.payload(60)).bytes();
        writer.write(header);
        writer.write(record);
        writer.flush();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (PacketSource source = CaptureReaders.open("-", pipe)) {
                CaptureRecord r = new CaptureRecord();
                assertThat(source.next(r)).isTrue(); // the writer is still open: no end of input yet
                assertThat(r.copyBytes()).isEqualTo(CaptureBytes.payload(60));
                writer.write(record);
                writer.close();
                assertThat(source.next(r)).isTrue();
                assertThat(r.frameNumber).isEqualTo(2);
                assertThat(source.next(r)).isFalse();
            }
        });
    }

    @Test
    void readsTcpdumpWritingToStandardOutput() throws Exception {
        assumeTrue(PcapngWriterTest.onPath("tcpdump"), "tcpdump is not installed (Debian package tcpdump)");
        Path file = TestCaptures.file("ppp-raw_ip.pcap");
        assertPipeGivesTheFilesRecords(file, List.of("tcpdump", "-U", "-r", file.toString(), "-w", "-"));
    }

    @Test
    void readsTsharkWritingPcapngToStandardOutput() throws Exception {
        assumeTrue(PcapngWriterTest.onPath("tshark"), "tshark is not installed (Debian package tshark)");
        Path file = TestCaptures.file("ppp-pcapng-example.pcapng");
        assertPipeGivesTheFilesRecords(file, List.of("tshark", "-r", file.toString(), "-F", "pcapng", "-w", "-"));
    }

    private void assertPipeGivesTheFilesRecords(Path file, List<String> command) throws Exception {
        Records fromFile = Records.readAll(() -> CaptureReaders.open(file));
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("err").toFile()).start();
        Records fromPipe = Records.readAll(() -> CaptureReaders.open("-", p.getInputStream()));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("err"))).isZero();
        assertThat(fromPipe.error()).isNull();
        assertThat(fromFile.rows()).isNotEmpty();
        assertThat(summary(fromPipe)).containsExactlyElementsOf(summary(fromFile));
    }

    /** Time, lengths, link type and bytes of each record (what survives a rewrite by another tool). */
    private static List<String> summary(Records r) {
        List<String> out = new ArrayList<>();
        for (Records.Row row : r.rows()) {
            out.add(row.frame() + " " + row.timeNanos() + " " + row.wireLength() + " " + row.capturedLength() + " "
                    + row.linkType() + " " + java.util.Arrays.hashCode(row.bytes()));
        }
        return out;
    }
}
