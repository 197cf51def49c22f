package org.iotevent.capture;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsMicrosecondLittleEndian() throws IOException {
        byte[] file = CaptureBytes.in(LITTLE_ENDIAN)
                .pcapHeader(PcapReader.MAGIC_MICROS, 2, 65535, LinkType.ETHERNET) // 24-byte header
                .pcapRecord(1_700_000_000L, 123_456, 60, CaptureBytes.payload(60)) // offset 24
                .pcapRecord(1_700_000_001L, 999_999, 1514, CaptureBytes.payload(20)) // offset 100, cut by snaplen
                .bytes();
        Records r = Records.readBoth(file, dir);
        assertThat(r.error()).isNull();
        assertThat(r.rows()).hasSize(2);
        Records.Row first = r.rows().get(0);
        assertThat(first.frame()).isEqualTo(1);
        assertThat(first.timeNanos()).isEqualTo(1_700_000_000_123_456_000L);
        assertThat(first.seconds()).isEqualTo(1_700_000_000L);
        assertThat(first.fractionNanos()).isEqualTo(123_456_000L);
        assertThat(first.wireLength()).isEqualTo(60);
        assertThat(first.capturedLength()).isEqualTo(60);
        assertThat(first.linkType()).isEqualTo(LinkType.ETHERNET);
        assertThat(first.interfaceId()).isEqualTo(-1);
        assertThat(first.section()).isEqualTo(-1);
        assertThat(first.fcsLength()).isEqualTo(-1);
        assertThat(first.bytes()).isEqualTo(CaptureBytes.payload(60));
        Records.Row second = r.rows().get(1);
        assertThat(second.frame()).isEqualTo(2);
        assertThat(second.timeNanos()).isEqualTo(1_700_000_001_999_999_000L);
        assertThat(second.wireLength()).isEqualTo(1514);
        assertThat(second.capturedLength()).isEqualTo(20);
    }

    @Test
    void readsNanosecondBigEndian() throws IOException {
        byte[] file = CaptureBytes.in(BIG_ENDIAN)
                .pcapHeader(PcapReader.MAGIC_NANOS, 2, 262144, LinkType.LINUX_SLL2)
                .pcapRecord(4_000_000_000L, 999_999_999, 91, CaptureBytes.payload(91))
                .bytes();
        Records r = Records.readBoth(file, dir);
        assertThat(r.error()).isNull();
        assertThat(r.rows()).singleElement().satisfies(row -> {
            assertThat(row.timeNanos()).isEqualTo(4_000_000_000_999_999_999L);
            assertThat(row.linkType()).isEqualTo(LinkType.LINUX_SLL2);
            assertThat(row.bytes()).isEqualTo(CaptureBytes.payload(91));
        });
    }

    @Test
    void keepsAnOutOfRangeFractionAsTsharkPrintsIt() throws IOException {
        byte[] file = CaptureBytes.in(LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 2, 65535, 105)
                .pcapRecord(1_177_961_534L, 1_000_046, 86, CaptureBytes.payload(86)).bytes();
        Records.Row row = Records.readBoth(file, dir).rows().get(0);
        assertThat(row.seconds()).isEqualTo(1_177_961_534L);
        assertThat(row.fractionNanos()).isEqualTo(1_000_046_000L);
        assertThat(row.timeNanos()).isEqualTo(1_177_961_535_000_046_000L);
    }

    @Test
    void linkTypeFieldGivesFcsLength() throws IOException {
        int field = (2 << 28) | 0x04000000 | LinkType.IEEE802_11; // FCS present, 2 x 16 bits
        byte[] file = CaptureBytes.in(LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 2, 65535, field)
                .pcapRecord(1, 0, 30, CaptureBytes.payload(30)).bytes();
        Records.Row row = Records.readBoth(file, dir).rows().get(0);
        assertThat(row.linkType()).isEqualTo(LinkType.IEEE802_11);
        assertThat(row.fcsLength()).isEqualTo(4);
    }

    @Test
    void reservedLinkTypeBitsThrow() throws IOException {
        byte[] file = CaptureBytes.in(LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 2, 65535, 0x00300001)
                .bytes();
        Records r = Records.readBoth(file, dir);
        assertThat(r.error()).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("at offset 0: link-type reserved bits 16-25: found 0x00300000, expected 0");
    }

    @Test
    void majorVersionOneThrows() throws IOException {
        byte[] file = CaptureBytes.in(BIG_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 1, 65535, 1).bytes();
        assertThat(Records.readBoth(file, dir).error()).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("major version: found 1, expected 2");
    }

    @Test
    void recordLongerThanSnapLengthThrowsAfterTheGoodOnes() throws IOException {
        byte[] file = CaptureBytes.in(LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 2, 64, 1)
                .pcapRecord(1, 0, 64, CaptureBytes.payload(64)) // offset 24
                .pcapRecord(2, 0, 65, CaptureBytes.payload(65)) // offset 104: one byte over the snap length
                .bytes();
        Records r = Records.readBoth(file, dir);
        assertThat(r.rows()).hasSize(1);
        assertThat(r.error()).isInstanceOf(CaptureFormatException.class).hasMessageEndingWith(
                ": record 2 at offset 104: captured length: found 65, expected at most 64 (the file's snap length)");
    }

    @Test
    void recordOver256KiBThrowsWhenTheSnapLengthIsZero() throws IOException {
        byte[] file = CaptureBytes.in(LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 2, 0, 1)
                .u32(1).u32(0).u32(262_145).u32(262_145) // record header only: the reader must not try the data
                .bytes();
        assertThat(Records.readBoth(file, dir).error()).hasMessageEndingWith(
                "record 1 at offset 24: captured length: found 262145, expected at most 262144 (256 KiB)");
    }

    @Test
    void endOnARecordBoundaryIsACleanEnd() throws IOException {
        byte[] file = CaptureBytes.in(LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 2, 65535, 1).bytes();
        Records r = Records.readBoth(file, dir);
        assertThat(r.rows()).isEmpty();
        assertThat(r.error()).isNull();
    }

    @Test
    void truncatedRecordHeaderThrows() throws IOException {
        byte[] file = CaptureBytes.in(LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 2, 65535, 1)
                .pcapRecord(1, 0, 10, CaptureBytes.payload(10)).u32(7).bytes();
        Records r = Records.readBoth(file, dir);
        assertThat(r.rows()).hasSize(1);
        assertThat(r.error()).hasMessageEndingWith("cut in the middle of record 2 at offset 50: expected 16 bytes, found 4");
    }

    @Test
    void truncatedRecordDataThrows() throws IOException {
        byte[] whole = CaptureBytes.in(LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_MICROS, 2, 65535, 1)
                .pcapRecord(1, 0, 10, CaptureBytes.payload(10)).bytes();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
        Records r = Records.readBoth(cut, dir);
        assertThat(r.rows()).isEmpty();
        assertThat(r.error()).hasMessageEndingWith("cut in the middle of record 1 at offset 24: expected 26 bytes, found 23");
    }

    @Test
    void truncatedFileHeaderThrows() throws IOException {
        byte[] cut = java.util.Arrays.copyOf(
                CaptureBytes.in(LITTLE_ENDIAN).pcapHeader(PcapReader.MAGIC_NANOS, 2, 65535, 1).bytes(), 10);
        assertThat(Records.readBoth(cut, dir).error()).isInstanceOf(CaptureFormatException.class)
                .hasMessageEndingWith("cut in the middle of the pcap file header at offset 0: expected 24 bytes, found 10");
    }
}
