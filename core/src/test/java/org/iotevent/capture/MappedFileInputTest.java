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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MappedFileInputTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> smallWindowsThatRecordsCrossGiveTheSameRecords() {
        return TestCaptures.eachCapture(f -> {
            Records whole = Records.readAll(() -> CaptureReaders.openBuffered(f));
            for (int[] grid : new int[][] {{1, 0}, {64, 0}, {1000, 100}, {4096, 4096}}) {
                Records windowed = Records.readAll(() -> CaptureReaders.open(f, grid[0], grid[1]));
                assertThat(windowed.rows()).as("window %d, overlap %d", grid[0], grid[1])
                        .containsExactlyElementsOf(whole.rows());
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
        checkBigFile(CaptureReaders.openBuffered(file), records, captured);
    }

    /**
     * Every byte of a file read through fills of random lengths comes out as written; the reader
     * takes its windows from the look-ahead thread (but the few a fill longer than the overlap
     * needs), and a fill longer than a window works too; also through a first window larger than
     * the steps it is let to the reader in.
     */
    @Test
    void readsEveryByteThroughWindowsMappedAhead() throws IOException {
        for (int window : new int[] {64 * 1024, 16 * MappedFileInput.FIRST_STEP + 100}) {
            readsEveryByteThroughWindowsMappedAhead(window);
        }
    }

    private void readsEveryByteThroughWindowsMappedAhead(int window) throws IOException {
        java.util.Random random = new java.util.Random(17);
        byte[] bytes = new byte[3_000_000];
        random.nextBytes(bytes);
        Path file = Files.write(dir.resolve("random-" + window + ".bin"), bytes);
        try (MappedFileInput in = new MappedFileInput(file, window, 4096)) {
            long offset = 0;
            int fills = 0;
            while (offset < bytes.length) {
                int length = fills % 500 == 499 ? 100_000 : 1 + random.nextInt(3000);
                boolean whole = in.fill(offset, length);
                assertThat(whole).isEqualTo(offset + length <= bytes.length);
                assertThat(in.available(offset)).as("bytes from %d after a fill of %d", offset, length)
                        .isEqualTo(whole ? Math.max(length, in.available(offset)) : bytes.length - offset);
                int n = (int) Math.min(length, in.available(offset));
                for (int i = 0; i < n; i += 97) {
                    assertThat(in.data.get((int) (offset + i - in.start))).as("byte %d", offset + i)
                            .isEqualTo(bytes[(int) offset + i]);
                }
                offset += n;
                fills++;
            }
            long windows = (bytes.length - 1) / window + 1;
            assertThat(in.windowsAhead).as("windows taken from the look-ahead thread, of %d", windows)
                    .isGreaterThanOrEqualTo(windows / 2);
            assertThat(Unmapper.available()).as("windows unmapped behind the reader, not left to the collector").isTrue();
        }
    }

    /**
     * The first window, let to the reader in steps, holds what a first fill asks for however long
     * (longer than a step; longer than the file: all the file, and false), and so does the step
     * that meets the file's end.
     */
    @Test
    void theFirstWindowsStepsHoldEveryFill() throws IOException {
        byte[] bytes = new byte[5 * MappedFileInput.FIRST_STEP + 123];
        new java.util.Random(5).nextBytes(bytes);
        Path file = Files.write(dir.resolve("steps.bin"), bytes);
        int window = 16 * MappedFileInput.FIRST_STEP;
        try (MappedFileInput in = new MappedFileInput(file, window, 4096)) {
            assertThat(in.fill(0, 2 * MappedFileInput.FIRST_STEP + 7)).isTrue();
            assertThat(in.available(0)).isGreaterThanOrEqualTo(2 * MappedFileInput.FIRST_STEP + 7);
            long near = bytes.length - 10;
            assertThat(in.fill(near, 10)).isTrue();
            assertThat(in.data.get((int) (near + 9 - in.start))).isEqualTo(bytes[bytes.length - 1]);
            assertThat(in.fill(near, 11)).as("a byte past the end").isFalse();
            assertThat(in.available(near)).isEqualTo(10);
        }
        try (MappedFileInput in = new MappedFileInput(file, window, 4096)) {
            assertThat(in.fill(0, bytes.length + 1)).isFalse();
            assertThat(in.available(0)).as("all the file").isEqualTo(bytes.length);
        }
    }

    /** Opens a capture file mapped (in small windows) or through a buffer, as a test names it. */
    private static PacketSource open(Path file, String access) throws IOException {
        return access.equals("mapped") ? CaptureReaders.open(file, 64 * 1024, 4096) : FileAccess.BUFFERED.open(file);
    }

    /** A pcap file of {@code records} records of 4096 bytes from offset 4096 on (each header starts a page), record i at second i. */
    private static byte[] pagedCapture(int records) {
        ByteBuffer b = ByteBuffer.allocate(4096 * (records + 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(PcapReader.MAGIC_MICROS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(65_535).putInt(LinkType.ETHERNET);
        b.putInt(0).putInt(0).putInt(4096 - 24 - 16).putInt(4096 - 24 - 16).position(4096);
        for (int i = 1; i <= records; i++) {
            b.putInt(i).putInt(0).putInt(4096 - 16).putInt(4096 - 16).position(4096 * (i + 1));
        }
        return b.array();
    }

    /**
     * A capture file cut short by another program while it is read (pages vanish under the
     * mapping, or the buffer's next read ends early): the packets before the cut are read, then a
     * capture error names the file.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mapped", "buffered"})
    void aFileCutWhileItIsReadGivesTheRecordsBeforeAndAClearError(String access) throws IOException {
        Path file = dir.resolve("cut.pcap");
        Files.write(file, pagedCapture(200));
        int cutAt = 150;
        CaptureRecord r = new CaptureRecord();
        int read = 0;
        try (PacketSource source = open(file, access);
                FileChannel w = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (int i = 0; i < 5; i++) {
                assertThat(source.next(r)).isTrue();
                read++;
            }
            w.truncate(4096L * cutAt);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                while (source.next(r)) {
                    assertThat(r.timestampSeconds).isLessThan(cutAt);
                }
            }).isInstanceOf(CaptureFormatException.class)
                    .hasMessage(file + ": cut short or rewritten by another program while it was read, past offset "
                            + 4096L * cutAt + ": the packets before were read");
            assertThat(r.timestampSeconds).as("the last record read").isEqualTo(cutAt - 1);
        }
    }

    /**
     * A capture file cut in the middle of a page while it is read: a mapped file reads as zeros
     * up to that page's end, which must not come out as empty records (timestamp 0, length 0).
     */
    @ParameterizedTest
    @ValueSource(strings = {"mapped", "buffered"})
    void aFileCutMidPageGivesNoEmptyRecords(String access) throws IOException {
        Path file = dir.resolve("cut-mid-page.pcap");
        ByteBuffer b = ByteBuffer.allocate(24 + 2000 * 116).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(PcapReader.MAGIC_MICROS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(65_535).putInt(LinkType.ETHERNET);
        for (int i = 1; i <= 2000; i++) {
            b.putInt(i).putInt(0).putInt(100).putInt(100).position(b.position() + 100);
        }
        Files.write(file, b.array());
        long cut = 24 + 1500 * 116 + 40; // inside record 1501, and inside a page
        CaptureRecord r = new CaptureRecord();
        List<Long> seconds = new ArrayList<>();
        try (PacketSource source = open(file, access);
                FileChannel w = FileChannel.open(file, StandardOpenOption.WRITE)) {
            assertThat(source.next(r)).isTrue();
            seconds.add(r.timestampSeconds);
            w.truncate(cut);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                while (source.next(r)) {
                    seconds.add(r.timestampSeconds);
                }
            }).isInstanceOf(CaptureFormatException.class)
                    .hasMessageStartingWith(file + ": cut short or rewritten by another program while it was read");
        }
        assertThat(seconds).as("records read before the error").doesNotContain(0L).hasSizeLessThanOrEqualTo(1501);
    }

    /** A capture still being written is read up to its size when opened, mapped or through a buffer. */
    @ParameterizedTest
    @ValueSource(strings = {"mapped", "buffered"})
    void aFileGrowingWhileItIsReadIsReadUpToItsSizeWhenOpened(String access) throws IOException {
        Path file = dir.resolve("growing.pcap");
        byte[] bytes = pagedCapture(200);
        Files.write(file, Arrays.copyOf(bytes, 4096 * 101));
        CaptureRecord r = new CaptureRecord();
        long read = 0;
        try (PacketSource source = open(file, access)) {
            assertThat(source.next(r)).isTrue();
            read++;
            Files.write(file, Arrays.copyOfRange(bytes, 4096 * 101, bytes.length), StandardOpenOption.APPEND);
            while (source.next(r)) {
                read++;
            }
        }
        assertThat(read).as("the first record and records 1-100, none appended").isEqualTo(101);
        assertThat(r.timestampSeconds).isEqualTo(100);
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
