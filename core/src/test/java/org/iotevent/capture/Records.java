package org.iotevent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What a test compares of a record: every field plus a copy of the bytes. */
record Records(List<Row> rows, IOException error, long count) {

    Records(List<Row> rows, IOException error) {
        this(rows, error, rows.size());
    }

    /** One delivered record, copied out of the reused view. */
    record Row(long frame, long timeNanos, long seconds, long fractionNanos, boolean hasTime, long wireLength, int capturedLength, int linkType,
            int interfaceId, int section, int fcsLength, long fileOffset, byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && frame == r.frame && timeNanos == r.timeNanos && seconds == r.seconds
                    && fractionNanos == r.fractionNanos && hasTime == r.hasTime
                    && wireLength == r.wireLength && capturedLength == r.capturedLength && linkType == r.linkType
                    && interfaceId == r.interfaceId && section == r.section && fcsLength == r.fcsLength
                    && fileOffset == r.fileOffset
                    && Arrays.equals(bytes, r.bytes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(frame) * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "#" + frame + " t=" + (hasTime ? timeNanos : "-") + " len=" + wireLength + " cap=" + capturedLength
                    + " lt=" + linkType + " if=" + interfaceId + " sec=" + section + " fcs=" + fcsLength + " @" + fileOffset;
        }
    }

    /** Reads a source to its end or its first error; other exceptions escape (a test failure). */
    static Records readAll(PacketSource source) {
        return read(source, false);
    }

    /**
     * Reads a source to its end or its first error, keeping every row or, when {@code lastOnly},
     * only the last one (then {@link #count} still counts all).
     */
    static Records read(PacketSource source, boolean lastOnly) {
        List<Row> rows = new ArrayList<>();
        CaptureRecord r = new CaptureRecord();
        long n = 0;
        IOException error = null;
        try (source) {
            while (source.next(r)) {
                n++;
                if (lastOnly) {
                    rows.clear();
                }
                rows.add(row(r)); // the view's bytes are only valid until the next call
            }
        } catch (IOException e) {
            error = e;
        }
        return new Records(rows, error, n);
    }

    private static Row row(CaptureRecord r) {
        return new Row(r.frameNumber, r.timestampNanos, r.timestampSeconds, r.timestampFractionNanos,
                r.hasTimestamp, r.wireLength, r.capturedLength, r.linkType, r.interfaceId, r.sectionNumber,
                r.fcsLength, r.fileOffset, r.copyBytes());
    }

    /** Opens with {@code opener} and reads all; an error of the opening counts as the error. */
    static Records readAll(Opener opener) {
        try {
            return readAll(opener.open());
        } catch (IOException e) {
            return new Records(List.of(), e);
        }
    }

    /**
     * Reads {@code bytes} as a file (written to {@code dir}) through its channel and through 64-byte
     * mapped windows, and as a stream of the same name; checks that all three give the same
     * records and the same error message, and returns them.
     */
    static Records readBoth(byte[] bytes, Path dir) throws IOException {
        Path file = Files.createTempFile(dir, "capture", ".bin");
        Files.write(file, bytes);
        Records channel = readAll(() -> CaptureReaders.openBuffered(file));
        Records mapped = readAll(() -> CaptureReaders.open(file, 64, 0));
        Records streamed = readAll(() -> CaptureReaders.open(file.toString(), new ByteArrayInputStream(bytes)));
        for (Records other : List.of(mapped, streamed)) {
            assertThat(other.rows()).containsExactlyElementsOf(channel.rows());
            assertThat(message(other)).isEqualTo(message(channel));
        }
        return channel;
    }

    /** The error's message, or null after a clean end. */
    static String message(Records r) {
        return r.error() == null ? null : r.error().getMessage();
    }

    /** Opens a source; may fail like {@link CaptureReaders#open}. */
    interface Opener {
        PacketSource open() throws IOException;
    }
}
