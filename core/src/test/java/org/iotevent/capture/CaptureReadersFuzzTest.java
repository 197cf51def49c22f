package org.iotevent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iotevent.FuzzFiles;
import org.iotevent.capture.HostileInputTest.OneByteAtATime;

/**
 * Coverage-guided fuzzing of the three ways in: the same bytes read as a file (channel), as a
 * file through 64-byte mapped windows, as a stream, and as a stream that returns one byte per read
 * must give the same records and the same outcome (clean end, or the same
 * {@link CaptureFormatException} message). Regression mode replays
 * {@code CaptureReadersFuzzTestInputs/}; {@code bench/fuzz.sh} fuzzes.
 */
class CaptureReadersFuzzTest {
    /** One file, overwritten by each input (fuzzing runs millions of inputs in one JVM). */
    private static final Path FILE = FuzzFiles.tempFile(".cap");

    @FuzzTest(maxDuration = "5m")
    void fileAndStreamGiveTheSameRecordsAndOutcome(byte[] capture) throws IOException {
        Files.write(FILE, capture);
        String name = FILE.toString();
        Records channel = Records.readAll(() -> CaptureReaders.openBuffered(FILE));
        Records mapped = Records.readAll(() -> CaptureReaders.open(FILE, 64, 0));
        Records stream = Records.readAll(() -> CaptureReaders.open(name, new ByteArrayInputStream(capture)));
        Records oneByte = Records.readAll(() -> CaptureReaders.open(name,
                new OneByteAtATime(new ByteArrayInputStream(capture))));
        if (channel.error() != null) {
            assertThat(channel.error()).isInstanceOf(CaptureFormatException.class).hasMessageStartingWith(name + ": ");
        }
        for (Records other : new Records[] {mapped, stream, oneByte}) {
            assertThat(other.rows()).containsExactlyElementsOf(channel.rows());
            assertThat(Records.message(other)).isEqualTo(Records.message(channel));
        }
    }
}
