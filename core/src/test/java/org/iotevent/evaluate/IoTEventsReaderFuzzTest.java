package org.iotevent.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iotevent.FuzzFiles;
import org.iotevent.signature.LabeledSample;

/**
 * Coverage-guided fuzzing of the IoTEvents sequence reader: any file gives labelled samples of
 * non-zero IP-layer lengths, or one {@link SequenceFormatException} naming the file and a line of
 * it. Regression mode replays {@code IoTEventsReaderFuzzTestInputs/}; {@code bench/fuzz.sh}
 * fuzzes.
 */
class IoTEventsReaderFuzzTest {
    private static final Path FILE = FuzzFiles.tempFile(".txt");
    private static final Pattern LINE = Pattern.compile(Pattern.quote(FILE.toString()) + " line (\\d+): .+", Pattern.DOTALL);

    @FuzzTest(maxDuration = "5m")
    void anyFileGivesSamplesOrNamesTheLine(byte[] file) throws IOException {
        Files.write(FILE, file);
        IoTEventsReader.Contents contents;
        try {
            contents = IoTEventsReader.read(FILE);
        } catch (SequenceFormatException e) {
            Matcher m = LINE.matcher(e.getMessage());
            assertThat(m.matches()).as("message names the file and line: %s", e.getMessage()).isTrue();
            assertThat(Long.parseLong(m.group(1))).isBetween(1L, FuzzFiles.lineCount(file));
            return;
        }
        assertThat(contents.unlabelledRows()).isNotNegative();
        for (LabeledSample s : contents.samples()) {
            assertThat(s.label()).isNotBlank().doesNotStartWith("\t");
            for (int length : s.signedLengths()) {
                assertThat(Math.abs(length)).isBetween(1, 65_535);
            }
        }
    }
}
