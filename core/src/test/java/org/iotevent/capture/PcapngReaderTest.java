package org.iotevent.capture;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PcapngReaderTest {
    private static final long T0 = 1_340_954_905L;

    @TempDir
    Path dir;

    enum Order {
        LE(LITTLE_ENDIAN), BE(BIG_ENDIAN);

        final ByteOrder order;

        Order(ByteOrder order) {
            this.order = order;
        }
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void readsEnhancedPacketsWithTheDefaultMicrosecondUnit(Order o) throws IOException {
        CaptureBytes b = CaptureBytes.in(o.order).shb(); // 28 bytes at offset 0
        b.idb(LinkType.ETHERNET, 0, new byte[0]) // 20 bytes at 28
                .epb(0, T0 * 1_000_000 + 298_858, 314, CaptureBytes.payload(61)); // 32 + 64 bytes at 48
        Records r = Records.readBoth(b.bytes(), dir);
        assertThat(r.error()).isNull();
        Records.Row row = r.rows().get(0);
        assertThat(row.frame()).isEqualTo(1);
        assertThat(row.timeNanos()).isEqualTo(T0 * 1_000_000_000 + 298_858_000);
        assertThat(row.seconds()).isEqualTo(T0);
        assertThat(row.fractionNanos()).isEqualTo(298_858_000);
        assertThat(row.wireLength()).isEqualTo(314);
        assertThat(row.capturedLength()).isEqualTo(61);
        assertThat(row.interfaceId()).isZero();
        assertThat(row.section()).isZero();
        assertThat(row.linkType()).isEqualTo(LinkType.ETHERNET);
        assertThat(row.bytes()).isEqualTo(CaptureBytes.payload(61));
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void appliesEachInterfacesResolutionAndOffset(Order o) throws IOException {
        CaptureBytes b = CaptureBytes.in(o.order).shb();
        byte[] nanos = b.option(9, new byte[] {9});
        byte[] binary = b.option(9, new byte[] {(byte) 0x8A}); // 2^-10 s
        byte[] offset = CaptureBytes.in(o.order).put(b.option(9, new byte[] {3}))
                .put(CaptureBytes.in(o.order).u16(14).u16(8).u64(-100).bytes()).bytes(); // ms, 100 s earlier
        b.idb(LinkType.ETHERNET, 0, nanos).idb(LinkType.NULL, 0, binary).idb(LinkType.RAW, 0, offset);
        b.epb(0, T0 * 1_000_000_000 + 7, 60, CaptureBytes.payload(60));
        b.epb(1, 5 * 1024 + 512, 4, CaptureBytes.payload(4)); // 5.5 s
        b.epb(2, T0 * 1000 + 250, 20, CaptureBytes.payload(20));
        Records r = Records.readBoth(b.bytes(), dir);
        assertThat(r.error()).isNull();
        assertThat(r.rows()).extracting(Records.Row::timeNanos).containsExactly(
                T0 * 1_000_000_000 + 7, 5_500_000_000L, (T0 - 100) * 1_000_000_000 + 250_000_000);
        assertThat(r.rows()).extracting(Records.Row::linkType)
                .containsExactly(LinkType.ETHERNET, LinkType.NULL, LinkType.RAW);
        assertThat(r.rows()).extracting(Records.Row::interfaceId).containsExactly(0, 1, 2);
    }

    @Test
    void readsTheFcsLengthOption() throws IOException {
        CaptureBytes b = CaptureBytes.in(LITTLE_ENDIAN).shb();
        b.idb(LinkType.IEEE802_11, 0, b.option(13, new byte[] {4})); // bytes, as Wireshark writes it
        b.idb(LinkType.IEEE802_11, 0, b.option(13, new byte[] {32})); // bits, as the pcapng draft says
        b.idb(LinkType.ETHERNET, 0, b.option(13, new byte[] {0}));
        b.idb(LinkType.ETHERNET, 0, new byte[0]);
        for (int iface = 0; iface < 4; iface++) {
            b.epb(iface, 0, 30, CaptureBytes.payload(30));
        }
        assertThat(Records.readBoth(b.bytes(), dir).rows()).extracting(Records.Row::fcsLength)
                .containsExactly(4, 4, 0, -1);
    }

    @Test
    void keepsTimestampsBeyondTheNanosecondRangeAsTsharkPrintsThem() throws IOException {
        long units = -505_583_418_000L; // an unsigned count of microseconds just below 2^64
        CaptureBytes b = CaptureBytes.in(LITTLE_ENDIAN).shb().idb(1, 0, new byte[0]).epb(0, units, 4, new byte[4]);
        Records.Row row = Records.readBoth(b.bytes(), dir).rows().get(0);
        assertThat(row.seconds()).isEqualTo(Long.divideUnsigned(units, 1_000_000));
        assertThat(row.fractionNanos()).isEqualTo(Long.remainderUnsigned(units, 1_000_000) * 1000);
        assertThat(row.timeNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void simplePacketCapturedIsTheLeastOfWireLengthSnapLengthAndBlock(Order o) throws IOException {
        CaptureBytes b = CaptureBytes.in(o.order).shb().idb(LinkType.ETHERNET, 96, new byte[0]);
        b.spb(314, CaptureBytes.payload(128)); // snap length 96 wins
        b.spb(40, CaptureBytes.payload(44)); // wire length 40 wins over the 44 bytes there
        b.spb(500, CaptureBytes.payload(50)); // the block's room wins: 52 bytes with padding
        Records r = Records.readBoth(b.bytes(), dir);
        assertThat(r.error()).isNull();
        assertThat(r.rows()).extracting(Records.Row::capturedLength).containsExactly(96, 40, 52);
        assertThat(r.rows()).extracting(Records.Row::hasTime).containsOnly(false);
        assertThat(r.rows().get(0).bytes()).isEqualTo(CaptureBytes.payload(96));
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void readsObsoletePacketBlocks(Order o) throws IOException {
        CaptureBytes b = CaptureBytes.in(o.order).shb().idb(LinkType.ETHERNET, 0, new byte[0])
                .idb(LinkType.LINUX_SLL, 0, new byte[0]);
        b.opb(1, T0 * 1_000_000, 74, CaptureBytes.payload(74));
        Records.Row row = Records.readBoth(b.bytes(), dir).rows().get(0);
        assertThat(row.interfaceId()).isEqualTo(1);
        assertThat(row.linkType()).isEqualTo(LinkType.LINUX_SLL);
        assertThat(row.timeNanos()).isEqualTo(T0 * 1_000_000_000);
        assertThat(row.bytes()).isEqualTo(CaptureBytes.payload(74));
    }

    @Test
    void sectionsHaveTheirOwnByteOrderAndInterfaces() throws IOException {
        CaptureBytes b = CaptureBytes.in(LITTLE_ENDIAN).shb().idb(LinkType.ETHERNET, 0, new byte[0])
                .idb(LinkType.NULL, 0, new byte[0]).epb(1, 1_000_000, 4, new byte[4]);
        b.order(BIG_ENDIAN).shb().idb(LinkType.RAW, 0, new byte[0]).epb(0, 2_000_000, 20, new byte[20]);
        b.order(LITTLE_ENDIAN).shb().idb(LinkType.IPV6, 0, new byte[0]).epb(0, 3_000_000, 40, new byte[40]);
        Records r = Records.readBoth(b.bytes(), dir);
        assertThat(r.error()).isNull();
        assertThat(r.rows()).extracting(Records.Row::section).containsExactly(0, 1, 2);
        assertThat(r.rows()).extracting(Records.Row::linkType).containsExactly(LinkType.NULL, LinkType.RAW, LinkType.IPV6);
        assertThat(r.rows()).extracting(Records.Row::frame).containsExactly(1L, 2L, 3L);
        assertThat(r.rows()).extracting(Records.Row::timeNanos)
                .containsExactly(1_000_000_000L, 2_000_000_000L, 3_000_000_000L);
    }

    @Test
    void aNewSectionForgetsTheInterfacesOfTheLastOne() throws IOException {
        CaptureBytes b = CaptureBytes.in(LITTLE_ENDIAN).shb().idb(1, 0, new byte[0]).idb(1, 0, new byte[0]);
        int second = b.bytes().length;
        b.order(BIG_ENDIAN).shb().idb(1, 0, new byte[0]);
        int epb = b.bytes().length;
        b.epb(1, 0, 4, new byte[4]);
        Records r = Records.readBoth(b.bytes(), dir);
        assertThat(second).isLessThan(epb);
        assertThat(r.error()).isInstanceOf(CaptureFormatException.class).hasMessageEndingWith(
                ": block 6 (EPB) at offset " + epb + ": interface id: found 1, expected less than 1"
                        + " (interfaces defined in section 1)");
    }

    @Test
    void skipsNameResolutionStatisticsCustomAndUnknownBlocks() throws IOException {
        CaptureBytes b = CaptureBytes.in(LITTLE_ENDIAN).shb();
        b.block(PcapngReader.NRB, CaptureBytes.in(LITTLE_ENDIAN).u16(1).u16(8).put(new byte[] {10, 0, 0, 1, 'a', 0, 0, 0})
                .u32(0).bytes());
        b.idb(LinkType.ETHERNET, 0, new byte[0]);
        b.block(0x00000BAD, CaptureBytes.in(LITTLE_ENDIAN).u32(32473).put("custom".getBytes()).bytes());
        b.block(0x40000BAD, CaptureBytes.in(LITTLE_ENDIAN).u32(36724).bytes());
        b.block(PcapngReader.ISB, CaptureBytes.in(LITTLE_ENDIAN).u32(0).u32(0).u32(0).bytes());
        b.block(0x0000000A, new byte[12]); // decryption secrets
        b.block(0x12345678, new byte[0]);
        b.epb(0, 0, 60, CaptureBytes.payload(60));
        Records r = Records.readBoth(b.bytes(), dir);
        assertThat(r.error()).isNull();
        assertThat(r.rows()).singleElement().satisfies(row -> assertThat(row.frame()).isEqualTo(1));
    }

    @Test
    void readsTheLargestPacketAndSkipsTheLargestBlock() throws IOException {
        CaptureBytes b = CaptureBytes.in(LITTLE_ENDIAN).shb().idb(LinkType.ETHERNET, 0, new byte[0]);
        b.epb(0, 1, 262_144, CaptureBytes.payload(262_144));
        b.block(0x00000BAD, new byte[PcapngReader.MAX_BLOCK_LENGTH - 12]);
        b.epb(0, 2, 60, CaptureBytes.payload(60));
        Records r = Records.readBoth(b.bytes(), dir);
        assertThat(r.error()).isNull();
        assertThat(r.rows()).extracting(Records.Row::capturedLength).containsExactly(262_144, 60);
        assertThat(r.rows().get(0).bytes()).isEqualTo(CaptureBytes.payload(262_144));
    }

    @Test
    void tooManyInterfacesInASectionThrowRatherThanGrowTheTables() throws IOException {
        CaptureBytes b = CaptureBytes.in(LITTLE_ENDIAN).shb();
        for (int i = 0; i <= PcapngReader.MAX_INTERFACES; i++) {
            b.idb(LinkType.ETHERNET, 0, new byte[0]);
        }
        long last = 28 + 20L * PcapngReader.MAX_INTERFACES;
        byte[] file = b.bytes(); // read as a stream only: 64-byte mapped windows would map 65537 times
        assertThat(Records.readAll(() -> CaptureReaders.open("idbs", new java.io.ByteArrayInputStream(file))).error())
                .hasMessage("idbs: block 65538 (IDB) at offset " + last + ": interface count: found 65537, expected at most 65536 per section");
    }

    @Test
    void blockLengthNotAMultipleOfFourThrows() throws IOException {
        byte[] file = CaptureBytes.in(LITTLE_ENDIAN).shb().u32(PcapngReader.IDB).u32(22).put(new byte[14]).bytes();
        assertThat(Records.readBoth(file, dir).error()).hasMessageEndingWith(
                ": block 2 (IDB) at offset 28: block total length: found 22, expected a multiple of 4");
    }

    @Test
    void blockShorterThanItsTypesMinimumThrows() throws IOException {
        byte[] file = CaptureBytes.in(LITTLE_ENDIAN).shb().idb(1, 0, new byte[0])
                .u32(PcapngReader.EPB).u32(28).put(new byte[20]).bytes();
        assertThat(Records.readBoth(file, dir).error()).hasMessageEndingWith(
                ": block 3 (EPB) at offset 48: block total length: found 28, expected at least 32 for this block type");
    }

    @Test
    void blockLongerThanTheBoundThrowsBeforeReadingIt() throws IOException {
        byte[] file = CaptureBytes.in(LITTLE_ENDIAN).shb().u32(0x0BAD).u32(16 << 20).bytes();
        assertThat(Records.readBoth(file, dir).error()).hasMessageEndingWith(
                ": block 2 (type 0x00000bad) at offset 28: block total length: found 16777216, expected at most "
                        + PcapngReader.MAX_BLOCK_LENGTH);
    }

    @Test
    void trailingLengthMismatchThrows() throws IOException {
        byte[] file = CaptureBytes.in(BIG_ENDIAN).shb().u32(PcapngReader.IDB).u32(20).u16(1).u16(0).u32(0).u32(24)
                .bytes();
        assertThat(Records.readBoth(file, dir).error()).hasMessageEndingWith(
                ": block 2 (IDB) at offset 28: trailing block total length: found 24, expected 20"
                        + " (the leading block total length)");
    }

    @Test
    void optionOverrunningItsBlockThrows() throws IOException {
        CaptureBytes b = CaptureBytes.in(LITTLE_ENDIAN).shb();
        b.block(PcapngReader.IDB, CaptureBytes.in(LITTLE_ENDIAN).u16(1).u16(0).u32(0).u16(2).u16(200).u32(0).bytes());
        assertThat(Records.readBoth(b.bytes(), dir).error()).hasMessageEndingWith(
                ": block 2 (IDB) at offset 28: length of option 0x0002 at block byte 16: found 200, expected at most 4"
                        + " (what the block leaves)");
    }

    @Test
    void packetLongerThanItsBlockThrows() throws IOException {
        CaptureBytes b = CaptureBytes.in(LITTLE_ENDIAN).shb().idb(1, 0, new byte[0]);
        b.block(PcapngReader.EPB, CaptureBytes.in(LITTLE_ENDIAN).u32(0).u32(0).u32(0).u32(100).u32(100)
                .put(new byte[40]).bytes());
        assertThat(Records.readBoth(b.bytes(), dir).error()).hasMessageEndingWith(
                ": block 3 (EPB) at offset 48: captured length: found 100, expected at most 40"
                        + " (what the block total length 72 leaves)");
    }

    @Test
    void packetLongerThanTheSnapLengthThrows() throws IOException {
        CaptureBytes b = CaptureBytes.in(LITTLE_ENDIAN).shb().idb(1, 64, new byte[0])
                .epb(0, 0, 64, new byte[64]).epb(0, 0, 65, new byte[65]);
        Records r = Records.readBoth(b.bytes(), dir);
        assertThat(r.rows()).hasSize(1);
        assertThat(r.error()).hasMessageEndingWith(
                ": block 4 (EPB) at offset 144: captured length: found 65, expected at most 64"
                        + " (the snap length of interface 0)");
    }

    @Test
    void packetBeforeAnyInterfaceThrows() throws IOException {
        byte[] file = CaptureBytes.in(LITTLE_ENDIAN).shb().spb(4, new byte[4]).bytes();
        assertThat(Records.readBoth(file, dir).error()).hasMessageEndingWith(
                ": block 2 (SPB) at offset 28: interface id: found 0, expected an interface defined by an IDB"
                        + " earlier in section 0");
    }

    @Test
    void unsupportedVersionThrows() throws IOException {
        byte[] file = CaptureBytes.in(LITTLE_ENDIAN).block(PcapngReader.SHB, CaptureBytes.in(LITTLE_ENDIAN)
                .u32(PcapngReader.BYTE_ORDER_MAGIC).u16(2).u16(0).u64(-1).bytes()).bytes();
        assertThat(Records.readBoth(file, dir).error()).hasMessageEndingWith(
                ": block 1 (SHB) at offset 0: version: found 2.0, expected 1.0 or 1.2");
    }

    @Test
    void badByteOrderMagicThrows() throws IOException {
        byte[] file = CaptureBytes.in(LITTLE_ENDIAN).shb().bytes();
        file[8] = 0x11;
        assertThat(Records.readBoth(file, dir).error()).hasMessageEndingWith(
                ": block 1 (SHB) at offset 0: byte-order magic: found 0x113c2b1a, expected 0x1a2b3c4d in either byte order");
    }

    @Test
    void inputCutInsideABlockThrowsAfterTheGoodPackets() throws IOException {
        byte[] whole = CaptureBytes.in(LITTLE_ENDIAN).shb().idb(1, 0, new byte[0])
                .epb(0, 0, 8, new byte[8]).epb(0, 0, 8, new byte[8]).bytes();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 5);
        Records r = Records.readBoth(cut, dir);
        assertThat(r.rows()).hasSize(1);
        assertThat(r.error()).hasMessageEndingWith(": cut in the middle of block 4 (EPB) at offset 88: expected 40 bytes,"
                + " found 35");
    }
}
