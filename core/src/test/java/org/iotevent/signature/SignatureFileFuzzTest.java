package org.iotevent.signature;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iotevent.FuzzFiles;

/**
 * Coverage-guided fuzzing of the signature loader: any file either loads, and then writes back
 * to a file that loads to the same signature, or fails with one {@link SignatureFormatException}
 * naming the file; nothing else may escape. Regression mode replays
 * {@code SignatureFileFuzzTestInputs/}; {@code bench/fuzz.sh} fuzzes.
 */
class SignatureFileFuzzTest {
    private static final Path FILE = FuzzFiles.tempFile(".json");
    private static final Path COPY = FuzzFiles.tempFile(".json");

    @FuzzTest(maxDuration = "5m")
    void anyFileLoadsOrFailsWithASignatureFormatException(byte[] file) throws IOException {
        Files.write(FILE, file);
        Signature loaded;
        try {
            loaded = SignatureFile.read(FILE);
        } catch (SignatureFormatException e) {
            assertThat(e.getMessage()).startsWith(FILE + ": ");
            return;
        }
        SignatureFile.write(loaded, COPY);
        assertThat(SignatureFile.toJson(SignatureFile.read(COPY))).isEqualTo(SignatureFile.toJson(loaded));
    }
}
