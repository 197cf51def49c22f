package org.iotevent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every test capture (src/test/resources/captures), cut at every byte offset (a dense sample for large files),
 * read through one-byte-per-call streams and with bytes flipped: the reader delivers exactly the
 * packets before the damage, then a clean end or a {@link CaptureFormatException}; never another
 * exception, a hang or an out-of-memory error.
 */
class HostileInputTest {
    /** Files up to this size are cut at every offset; larger ones at a dense sample. */
    private static final int EVERY_OFFSET_UP_TO = 16_384;
    private static final Pattern OFFSET = Pattern.compile("at offset (\\d+)");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> cutAtEveryOffsetGivesThePrefixThenACleanEndOrError() {
        return TestCaptures.eachCapture(f -> assertTimeoutPreemptively(Duration.ofMinutes(3), () -> checkCuts(f)));
    }

    @TestFactory
    Stream<DynamicTest> oneByteAtATimeEqualsTheMappedFile() {
        return TestCaptures.eachCapture(f -> {
            Records mapped = Records.readAll(() -> CaptureReaders.openMapped(f));
            Records trickled = Records.readAll(() -> CaptureReaders.open(f.toString(),
                    new OneByteAtATime(Files.newInputStream(f))));
            assertThat(trickled.rows()).containsExactlyElementsOf(mapped.rows());
            assertThat(Records.message(trickled)).isEqualTo(Records.message(mapped));
        });
    }

    @TestFactory
    Stream<DynamicTest> flippedBytesGiveOnlyCleanOutcomes() {
        return TestCaptures.eachCapture(f -> assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
                    byte[] bytes = Files.readAllBytes(f);
                    assertThat(bytes.length).isPositive();
                    Random random = new Random(f.getFileName().toString().hashCode());
                    for (int trial = 0; trial < 300; trial++) {
                        byte[] damaged = bytes.clone();
                        for (int k = 1 + random.nextInt(4); k > 0; k--) {
                            // most damage near the start, where the headers and lengths are
                            int at = random.nextInt(Math.min(damaged.length, random.nextBoolean() ? 256 : damaged.length));
                            damaged[at] = (byte) random.nextInt(256);
                        }
                        Records r = Records.readAll(() -> CaptureReaders.open("damaged", new ByteArrayInputStream(damaged)));
                        assertThat(r.error()).satisfiesAnyOf(e -> assertThat(e).isNull(),
                                e -> assertThat(e).isInstanceOf(CaptureFormatException.class).hasMessageStartingWith("damaged: "));
                    }
                }));
    }

    private void checkCuts(Path capture) throws IOException {
        byte[] bytes = Files.readAllBytes(capture);
        Records whole = Records.readAll(() -> CaptureReaders.open(capture));
        TreeSet<Long> boundaries = boundaries(bytes);
        long fault = whole.error() == null ? Long.MAX_VALUE : faultOffset(whole.error());
        long[] rowEnds = whole.rows().stream().mapToLong(r -> boundaries.higher(r.fileOffset())).toArray();
        int[] offsets = cutOffsets(bytes.length, boundaries, capture.getFileName().toString().hashCode());
        for (int k : offsets) {
            Records streamed = lastOnly(() -> CaptureReaders.open("cut", new ByteArrayInputStream(bytes, 0, k)));
            assertOutcome(streamed, whole, rowEnds, boundaries, fault, k);
        }
        // the file readers (channel, mapped) on every 11th cut, truncating one file from the longest cut down
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, bytes);
        try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.WRITE)) {
            for (int i = offsets.length - 1; i >= 0; i -= 11) {
                ch.truncate(offsets[i]);
                Records channel = lastOnly(() -> CaptureReaders.openBuffered(cut));
                assertOutcome(channel, whole, rowEnds, boundaries, fault, offsets[i]);
                Records mapped = lastOnly(() -> CaptureReaders.open(cut, 1 << 20, 0));
                assertOutcome(mapped, whole, rowEnds, boundaries, fault, offsets[i]);
            }
        }
    }

    private static void assertOutcome(Records got, Records whole, long[] rowEnds, TreeSet<Long> boundaries,
            long fault, int k) {
        boolean clean = k > 0 && boundaries.contains((long) k) && k <= fault;
        int expected = 0; // rows whose record ends at or before the cut; rowEnds ascend
        for (int lo = 0, hi = rowEnds.length; lo < hi;) {
            int mid = (lo + hi) >>> 1;
            if (rowEnds[mid] <= k) {
                expected = mid + 1;
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        assertThat(got.count()).as("packets of the capture cut at %d", k).isEqualTo(expected);
        if (expected > 0) {
            assertThat(got.rows()).as("last packet of the capture cut at %d", k).containsExactly(whole.rows().get(expected - 1));
        }
        if (clean) {
            assertThat(got.error()).as("cut at %d, a record boundary", k).isNull();
        } else {
            assertThat(got.error()).as("cut at %d, inside a record", k).isInstanceOf(CaptureFormatException.class);
        }
    }

    /** Reads counting every packet but copying only the last one (earlier ones equal the uncut file's). */
    private static Records lastOnly(Records.Opener opener) {
        try {
            return Records.read(opener.open(), true);
        } catch (IOException e) {
            return new Records(List.of(), e);
        }
    }

    private static long faultOffset(IOException error) {
        Matcher m = OFFSET.matcher(error.getMessage());
        assertThat(m.find()).as(error.getMessage()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Every offset for small files; for large ones the first 2 KiB, every 4th record boundary +-1 and 1000 seeded ones. */
    private static int[] cutOffsets(int size, TreeSet<Long> boundaries, long seed) {
        if (size <= EVERY_OFFSET_UP_TO) {
            return java.util.stream.IntStream.rangeClosed(0, size).toArray();
        }
        TreeSet<Integer> offsets = new TreeSet<>();
        for (int k = 0; k <= 2048; k++) {
            offsets.add(k);
        }
        int i = 0;
        for (long b : boundaries) {
            if (i++ % 4 == 0) {
                for (long d = -1; d <= 1; d++) {
                    offsets.add((int) Math.min(size, Math.max(0, b + d)));
                }
            }
        }
        Random random = new Random(seed);
        for (int n = 0; n < 1000; n++) {
            offsets.add(random.nextInt(size + 1));
        }
        offsets.add(size);
        return offsets.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Offsets where a complete record or block ends (after the file header), found by walking the
     * lengths independently of the reader; stops at the first length that cannot be right.
     */
    static TreeSet<Long> boundaries(byte[] bytes) {
        TreeSet<Long> ends = new TreeSet<>();
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < 24) {
            return ends;
        }
        int magic = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magic == 0x0A0D0D0A) {
            long off = 0;
            while (off + 12 <= bytes.length) {
                int type = b.getInt((int) off);
                if (type == 0x0A0D0D0A) {
                    int bom = b.order(ByteOrder.BIG_ENDIAN).getInt((int) off + 8);
                    b.order(bom == 0x1A2B3C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                }
                long length = Integer.toUnsignedLong(b.getInt((int) off + 4));
                if (length < 12 || length % 4 != 0 || off + length > bytes.length) {
                    break;
                }
                off += length;
                ends.add(off);
            }
        } else {
            b.order(List.of(0xa1b2c3d4, 0xa1b23c4d).contains(magic) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            long off = 24;
            ends.add(off);
            while (off + 16 <= bytes.length) {
                long captured = Integer.toUnsignedLong(b.getInt((int) off + 8));
                if (captured > CaptureReaders.MAX_RECORD_LENGTH || off + 16 + captured > bytes.length) {
                    break;
                }
                off += 16 + captured;
                ends.add(off);
            }
        }
        return ends;
    }

    /** A stream that returns at most one byte per read call (okio's OneByteAtATimeSource). */
    static final class OneByteAtATime extends InputStream {
        private final InputStream in;

        OneByteAtATime(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int c = in.read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

}
