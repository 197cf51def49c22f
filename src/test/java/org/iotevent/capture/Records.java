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
record Records(List<Row> rows, IOException error) {

    /** One delivered record, copied out of the reused view. */
    record Row(long frame, long timeNanos, long seconds, long fractionNanos, boolean hasTime, long wireLength, int capturedLength, int linkType,
            int interfaceId, int section, int fcsLength, byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && frame == r.frame && timeNanos == r.timeNanos && seconds == r.seconds
                    && fractionNanos == r.fractionNanos && hasTime == r.hasTime
                    && wireLength == r.wireLength && capturedLength == r.capturedLength && linkType == r.linkType
                    && interfaceId == r.interfaceId && section == r.section && fcsLength == r.fcsLength
                    && Arrays.equals(bytes, r.bytes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(frame) * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "#" + frame + " t=" + (hasTime ? timeNanos : "-") + " len=" + wireLength + " cap=" + capturedLength
                    + " lt=" + linkType + " if=" + interfaceId + " sec=" + section + " fcs=" + fcsLength;
        }
    }

    /** Reads a source to its end or its first error; other exceptions escape (a test failure). */
    static Records readAll(PacketSource source) {
        List<Row> rows = new ArrayList<>();
        CaptureRecord r = new CaptureRecord();
        try (source) {
            while (source.next(r)) {
                rows.add(new Row(r.frameNumber, r.timestampNanos, r.timestampSeconds, r.timestampFractionNanos,
                        r.hasTimestamp, r.wireLength, r.capturedLength,
                        r.linkType, r.interfaceId, r.sectionNumber, r.fcsLength, r.copyBytes()));
            }
        } catch (IOException e) {
            return new Records(rows, e);
        }
        return new Records(rows, null);
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
     * Reads {@code bytes} both as a mapped file (written to {@code dir}) and as a stream of the
     * same name, checks that both give the same records and the same error message, and returns them.
     */
    static Records readBoth(byte[] bytes, Path dir) throws IOException {
        Path file = Files.createTempFile(dir, "capture", ".bin");
        Files.write(file, bytes);
        Records mapped = readAll(() -> CaptureReaders.open(file, 64));
        Records streamed = readAll(() -> CaptureReaders.open(file.toString(), new ByteArrayInputStream(bytes)));
        assertThat(streamed.rows()).containsExactlyElementsOf(mapped.rows());
        assertThat(message(streamed)).isEqualTo(message(mapped));
        return mapped;
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
