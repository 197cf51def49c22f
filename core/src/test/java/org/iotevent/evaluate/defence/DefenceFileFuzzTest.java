package org.iotevent.evaluate.defence;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iotevent.FuzzFiles;

/**
 * Coverage-guided fuzzing of the defence results reader ({@code report --defences}): any file
 * gives results or one {@link DefenceFormatException} naming it. Regression mode replays
 * {@code DefenceFileFuzzTestInputs/}; {@code bench/fuzz.sh} fuzzes.
 */
class DefenceFileFuzzTest {
    private static final Path FILE = FuzzFiles.tempFile(".json");

    @FuzzTest(maxDuration = "5m")
    void anyFileGivesDefencesOrNamesTheFile(byte[] json) throws IOException {
        Files.write(FILE, json);
        try {
            DefenceEvaluation e = DefenceFile.read(FILE);
            assertThat(e.results()).isNotNull();
        } catch (DefenceFormatException e) {
            assertThat(e.getMessage()).startsWith(FILE.toString());
        }
    }
}
