package org.iotevent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class MappedFileInputTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> smallWindowsThatRecordsCrossGiveTheSameRecords() {
        return TestCaptures.eachCapture(f -> {
            Records whole = Records.readAll(() -> CaptureReaders.open(f));
            for (int window : new int[] {1, 64, 1000, 4096}) {
                Records windowed = Records.readAll(() -> CaptureReaders.open(f, window));
                assertThat(windowed.rows()).as("window %d", window).containsExactlyElementsOf(whole.rows());
                assertThat(Records.message(windowed)).isEqualTo(Records.message(whole));
            }
        });
    }

    /**
     * A sparse classic pcap file of 2 GiB + 10 MiB whose 200,000-byte records straddle the mapped
     * windows and the 2 GiB mark; only the record headers and two markers take disk space.
     */
    @Test
    void readsAFileLargerThan2GiB() throws IOException {
        assumeTrue(Files.getFileStore(dir).getUsableSpace() > (3L << 30),
                "less than 3 GiB free in " + dir + " for a (sparse) 2 GiB test file");
        Path file = dir.resolve("big.pcap");
        int captured = 200_000;
        long target = (2L << 30) + (10 << 20);
        int records = (int) ((target - 24) / (16 + captured)) + 1;
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            header.putInt(PcapReader.MAGIC_MICROS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(262_144).putInt(LinkType.ETHERNET).flip();
            ch.write(header, 0);
            long off = 24;
            for (int i = 0; i < records; i++) {
                ByteBuffer rec = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
                rec.putInt(i).putInt(i % 1_000_000).putInt(captured).putInt(captured + i).putInt(~i).flip();
                ch.write(rec, off); // the record header and the first 4 data bytes; the rest stays a hole
                off += 16 + captured;
            }
            ch.write(ByteBuffer.allocate(1), off - 1); // the last record's last byte: the file ends there
            assertThat(ch.size()).isGreaterThan(2L << 30);
        }
        checkBigFile(CaptureReaders.openMapped(file), records, captured);
        checkBigFile(CaptureReaders.open(file), records, captured);
    }

    private static void checkBigFile(PacketSource opened, int records, int captured) throws IOException {
        CaptureRecord r = new CaptureRecord();
        long n = 0;
        long expectedOffset = 24;
        try (PacketSource source = opened) {
            while (source.next(r)) {
                int i = (int) n++;
                assertThat(r.fileOffset).isEqualTo(expectedOffset);
                assertThat(r.wireLength).isEqualTo(captured + i);
                assertThat(r.timestampNanos).isEqualTo(i * 1_000_000_000L + (i % 1_000_000) * 1000L);
                assertThat(r.data.order(ByteOrder.LITTLE_ENDIAN).getInt(r.dataOffset)).isEqualTo(~i);
                assertThat(r.u8(captured - 1)).isZero();
                expectedOffset += 16 + captured;
            }
        }
        assertThat(n).isEqualTo(records);
        assertThat(r.fileOffset).isGreaterThan(2L << 30);
    }
}
